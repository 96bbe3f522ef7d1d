"""Step 1 企业与产品: the organization (with its 统一社会信用代码 checked by core), the product and its period."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from core.domain import Organization
from core.editing import (
    check_credit_code,
    edit_contact,
    edit_period,
    edit_period_output,
    edit_product,
    new_product,
    with_product,
    with_site,
    with_study,
)
from core.errors import InputError
from core.library.builtin import grid_factor_code, load_builtin_factors, provinces
from core.project import Changes
from desktop.steps.base import StepPage
from desktop.workspace import Workspace

INVALID_STYLE = "background: #f8d0d0;"


class OrganizationStep(StepPage):
    watches = Changes(products=True, studies=True)

    product_added = Signal(str)
    def __init__(self, workspace: Workspace, product_code: str | None = None, parent: QWidget | None = None):
        super().__init__(workspace, product_code, parent)
        self.title.setText(self.tr("1  Organization and product"))
        self.hint.setText(self.tr(
                          "Enter your company and the product the footprint is for, e.g. 铸铁阀体 DN100 declared per "
                          "piece (1 pcs), 12 kg each, with last year's output (50000 pcs)."))
        org_box = QGroupBox(self.tr("Organization"))
        org_form = QFormLayout(org_box)
        self.org_name = QLineEdit()
        self.credit_code = QLineEdit()
        self.credit_code.setPlaceholderText("91320594MA1XK7P2H2")
        self.address = QLineEdit()
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("0512-6688 1234")
        self.email = QLineEdit()
        self.email.setPlaceholderText("name@example.com")
        org_form.addRow(self.tr("Name"), self.org_name)
        org_form.addRow(self.tr("Unified social credit code"), self.credit_code)
        org_form.addRow(self.tr("Address"), self.address)
        org_form.addRow(self.tr("Contact person"), self.contact)
        org_form.addRow(self.tr("Phone"), self.phone)
        org_form.addRow(self.tr("E-mail"), self.email)
        self.site_name = QLineEdit()
        self.province = QComboBox()
        self.province.addItem("", "")
        for name in provinces():
            self.province.addItem(name, name)
        self.grid_hint = QLabel()
        self.grid_hint.setStyleSheet("color: #555;")
        org_form.addRow(self.tr("Production site"), self.site_name)
        org_form.addRow(self.tr("Province"), self.province)
        org_form.addRow("", self.grid_hint)
        product_box = QGroupBox(self.tr("Product"))
        form = QFormLayout(product_box)
        self.product_name = QLineEdit()
        self.model = QLineEdit()
        self.declared_unit = QLineEdit()
        self.declared_unit.setPlaceholderText("1 t")
        self.period_output = QLineEdit()
        self.period_output.setPlaceholderText("24000 t")
        self.new_product_button = QPushButton(self.tr("New product"))
        self.new_product_button.clicked.connect(self.add_product)
        form.addRow(self.new_product_button)
        form.addRow(self.tr("Product name"), self.product_name)
        form.addRow(self.tr("Model / specification"), self.model)
        form.addRow(self.tr("Declared unit"), self.declared_unit)
        self.unit_mass = QLineEdit()
        self.unit_mass.setPlaceholderText("12")
        self.unit_mass.setToolTip(self.tr("Mass of one declared unit in kg (a piece of 12 kg: 12). A PACT file "
                                          "declares per kg when the declared unit is not a mass."))
        form.addRow(self.tr("Mass per declared unit (kg)"), self.unit_mass)
        self.period_start = QLineEdit()
        self.period_start.setPlaceholderText("2024-01-01")
        self.period_end = QLineEdit()
        self.period_end.setPlaceholderText("2024-12-31")
        form.addRow(self.tr("Reference period from"), self.period_start)
        form.addRow(self.tr("to"), self.period_end)
        form.addRow(self.tr("Output in the reference period"), self.period_output)
        self.goal = QLineEdit()
        self.goal.setPlaceholderText(self.tr("e.g. carbon-label certification and customers' supply-chain requests"))
        self.electricity = QLineEdit()
        self.electricity.setPlaceholderText(self.tr("e.g. national average grid factor 2024, no green power"))
        form.addRow(self.tr("Goal and intended use of the study"), self.goal)
        form.addRow(self.tr("How electricity is treated"), self.electricity)
        self.layout_.addWidget(org_box)
        self.layout_.addWidget(product_box)
        self.org_box = org_box
        self.layout_.addStretch(1)
        for edit, handler in ((self.org_name, self.org_edited), (self.credit_code, self.org_edited),
                              (self.address, self.org_edited), (self.contact, self.org_edited),
                              (self.phone, self.org_edited), (self.email, self.org_edited),
                              (self.unit_mass, lambda: self.product_edited(self.unit_mass, "mass_per_unit_kg")),
                              (self.goal, lambda: self.study_text_edited(self.goal, "goal")),
                              (self.electricity, lambda: self.study_text_edited(self.electricity,
                                                                                "electricity_approach")),
                              (self.product_name, lambda: self.product_edited(self.product_name, "name")),
                              (self.model, lambda: self.product_edited(self.model, "model")),
                              (self.declared_unit, lambda: self.product_edited(self.declared_unit, "declared_unit")),
                              (self.period_output, self.output_edited), (self.site_name, self.site_edited),
                              (self.period_start, self.period_edited), (self.period_end, self.period_edited)):
            edit.editingFinished.connect(handler)
        self.province.activated.connect(self.site_edited)
        for widget, tip in (
                (self.org_name, self.tr("The company name as on its business licence, e.g. 苏州示范铸造有限公司")),
                (self.credit_code, self.tr("The 18-character unified social credit code on the business licence, "
                                           "e.g. 91320594MA1XK7P2H2 (its check digit is verified)")),
                (self.address, self.tr("Registered or plant address, e.g. 江苏省苏州市工业园区示例路 1 号")),
                (self.contact, self.tr("Who answers the certification body's questions, e.g. 张工")),
                (self.phone, self.tr("Phone of the contact, e.g. 0512-6688 1234 (a phone or an e-mail is needed)")),
                (self.email, self.tr("E-mail of the contact, e.g. zhang@example.com")),
                (self.site_name, self.tr("The plant where the product is made, e.g. 苏州铸造厂")),
                (self.province, self.tr("The plant's province: its grid factor is proposed for electricity rows")),
                (self.product_name, self.tr("The product as the label will name it, e.g. 铸铁阀体 DN100")),
                (self.model, self.tr("Model or specification, e.g. DN100")),
                (self.declared_unit, self.tr("What one footprint is for: 1 pcs (a piece), 1 t, 1 m2 ...")),
                (self.period_start, self.tr("First day of the data, e.g. 2025-01-01 (usually a full year)")),
                (self.period_end, self.tr("Last day of the data, e.g. 2025-12-31")),
                (self.period_output, self.tr("What the plant made of this product in that period, e.g. 50000 pcs: "
                                             "rows given per period are divided by it")),
                (self.goal, self.tr("Why the study is made and for whom (the report states it), e.g. 碳标识认证申请")),
                (self.electricity, self.tr("Which electricity factor the study uses and why, e.g. 2024 年全国电力平均"
                                           "碳足迹因子，未使用绿电"))):
            widget.setToolTip(tip)
        self.refresh()

    def refresh(self) -> None:
        org = self.workspace.data.organization
        for edit, text in ((self.org_name, org.name if org else ""), (self.credit_code, org.credit_code if org else ""),
                           (self.address, org.address if org else ""),
                           (self.contact, org.contact_person if org else ""),
                           (self.phone, org.contact_phone if org else ""),
                           (self.email, org.contact_email if org else "")):
            if not edit.hasFocus() and not edit.styleSheet():
                edit.setText(text)
        site = self.workspace.data.sites[0] if self.workspace.data.sites else None
        if not self.site_name.hasFocus():
            self.site_name.setText(site.name if site else "")
        self.province.setCurrentIndex(max(self.province.findData(site.province if site else ""), 0))
        self.show_grid_hint(site.province if site else "")
        product = self._product()
        for edit in (self.product_name, self.model, self.declared_unit, self.period_output, self.period_start,
                     self.period_end, self.unit_mass, self.goal, self.electricity):
            edit.setEnabled(product is not None and not self.workspace.read_only)
        self.org_box.setEnabled(not self.workspace.read_only)
        self.new_product_button.setEnabled(not self.workspace.read_only)
        if product is not None:
            values = {self.product_name: product.name, self.model: product.model,
                      self.declared_unit: str(product.declared_unit),
                      self.period_output: str(product.study.period_output) if product.study.period_output else "",
                      self.period_start: product.study.period_start.isoformat() if product.study.period_start else "",
                      self.period_end: product.study.period_end.isoformat() if product.study.period_end else "",
                      self.unit_mass: f"{product.mass_per_unit_kg:g}" if product.mass_per_unit_kg is not None else "",
                      self.goal: product.study.goal, self.electricity: product.study.electricity_approach}
            for edit, text in values.items():
                if not edit.hasFocus() and not edit.styleSheet():
                    edit.setText(text)

    def _product(self):
        try:
            return self.workspace.data.product(self.product_code) if self.product_code else None
        except KeyError:
            return None

    def _mark(self, edit: QLineEdit, error: InputError | None) -> None:
        edit.setStyleSheet(INVALID_STYLE if error else "")
        edit.setToolTip("\n".join(p.text() for p in error.problems) if error else "")

    def org_edited(self) -> None:
        try:
            code = check_credit_code(self.credit_code.text())
        except InputError as e:
            self._mark(self.credit_code, e)
            return
        self._mark(self.credit_code, None)
        try:
            phone, email = edit_contact(self.phone.text(), self.email.text())
        except InputError as e:
            self._mark(self.email if e.problems[0].message_id == "edit.bad_email" else self.phone, e)
            return
        self._mark(self.phone, None)
        self._mark(self.email, None)
        old = self.workspace.data.organization or Organization(name="")
        new = dataclasses.replace(old, name=self.org_name.text().strip(), credit_code=code,
                                  address=self.address.text().strip(), contact_person=self.contact.text().strip(),
                                  contact_phone=phone, contact_email=email)
        if new != old:
            self.workspace.commit(dataclasses.replace(self.workspace.data, organization=new),
                                  self.tr("Edit organization"))

    def product_edited(self, edit: QLineEdit, field: str) -> None:
        product = self._product()
        if product is None:
            return
        try:
            new = edit_product(product, field, edit.text())
        except InputError as e:
            self._mark(edit, e)
            return
        self._mark(edit, None)
        if new != product:
            self.workspace.commit(with_product(self.workspace.data, new), self.tr("Edit product"))

    def study_text_edited(self, edit: QLineEdit, field: str) -> None:
        """A free-text field of the study the report prints (goal, electricity approach)."""
        product = self._product()
        if product is None:
            return
        text = edit.text().strip()
        if text != getattr(product.study, field):
            self.workspace.commit(with_study(self.workspace.data, product.code, **{field: text}),
                                  self.tr("Edit study"))

    def show_grid_hint(self, province: str) -> None:
        """The province's latest MEE grid factor, as a suggestion for the electricity activities."""
        code = grid_factor_code(province) if province else None
        factor = load_builtin_factors().get(code) if code else None
        self.grid_hint.setText(self.tr("Grid factor for electricity: {0} ({1} kg CO2/kWh, {2})").format(
            code, f"{sum(factor.flows.values()):.4f}", factor.year) if factor else "")

    def site_edited(self) -> None:
        data = with_site(self.workspace.data, self.site_name.text(), self.province.currentData() or "")
        if data.sites != self.workspace.data.sites:
            self.workspace.commit(data, self.tr("Edit site"))

    def period_edited(self) -> None:
        product = self._product()
        if product is None:
            return
        try:
            start, end = edit_period(self.period_start.text(), self.period_end.text())
        except InputError as e:
            self._mark(self.period_end, e)
            return
        self._mark(self.period_end, None)
        if (start, end) != (product.study.period_start, product.study.period_end):
            self.workspace.commit(with_study(self.workspace.data, product.code, period_start=start,
                                             period_end=end), self.tr("Edit reference period"))

    def add_product(self) -> None:
        data, code = new_product(self.workspace.data, self.tr("New product"))
        self.workspace.commit(data, self.tr("Add product"))
        self.product_added.emit(code)

    def output_edited(self) -> None:
        product = self._product()
        if product is None:
            return
        try:
            output = edit_period_output(self.period_output.text())
        except InputError as e:
            self._mark(self.period_output, e)
            return
        self._mark(self.period_output, None)
        if output != product.study.period_output:
            self.workspace.commit(with_study(self.workspace.data, product.code, period_output=output),
                                  self.tr("Edit period output"))
