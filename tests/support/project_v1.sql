-- A PCF Desk project file at schema version 1, as the first release wrote it (tables and types exactly as its ORM
-- created them: no evidence_files table, no activities.dq_* / activities.uncertainty columns), with a little data.
-- tests/test_store.py builds a file from this script, opens it and checks the upgrade to the current version.
-- Never edit the tables below to follow a later schema: this file is history.
PRAGMA application_id = 1346586180;  -- 0x50434644 'PCFD'
PRAGMA user_version = 1;

CREATE TABLE factor_datasets (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	publisher VARCHAR NOT NULL, 
	version VARCHAR NOT NULL, 
	imported_at DATETIME NOT NULL, 
	file_name VARCHAR NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	is_builtin BOOLEAN NOT NULL, 
	CONSTRAINT pk_factor_datasets PRIMARY KEY (id), 
	CONSTRAINT uq_factor_datasets_name_version UNIQUE (name, version)
);
CREATE TABLE organizations (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	credit_code VARCHAR NOT NULL, 
	address VARCHAR NOT NULL, 
	contact_person VARCHAR NOT NULL, 
	contact_phone VARCHAR NOT NULL, 
	contact_email VARCHAR NOT NULL, 
	CONSTRAINT pk_organizations PRIMARY KEY (id)
);
CREATE TABLE emission_factors (
	id INTEGER NOT NULL, 
	dataset_id INTEGER NOT NULL, 
	code VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	category VARCHAR NOT NULL, 
	unit VARCHAR NOT NULL, 
	unit_text VARCHAR NOT NULL, 
	source TEXT NOT NULL, 
	year INTEGER, 
	geography VARCHAR NOT NULL, 
	gwp_basis VARCHAR NOT NULL, 
	notes TEXT NOT NULL, 
	uncertainty TEXT NOT NULL, 
	CONSTRAINT pk_emission_factors PRIMARY KEY (id), 
	CONSTRAINT uq_emission_factors_dataset_id_code UNIQUE (dataset_id, code), 
	CONSTRAINT fk_emission_factors_dataset_id_factor_datasets FOREIGN KEY(dataset_id) REFERENCES factor_datasets (id) ON DELETE CASCADE
);
CREATE INDEX ix_emission_factors_code ON emission_factors (code);
CREATE TABLE sites (
	id INTEGER NOT NULL, 
	organization_id INTEGER, 
	name VARCHAR NOT NULL, 
	province VARCHAR NOT NULL, 
	grid_region VARCHAR NOT NULL, 
	address VARCHAR NOT NULL, 
	CONSTRAINT pk_sites PRIMARY KEY (id), 
	CONSTRAINT fk_sites_organization_id_organizations FOREIGN KEY(organization_id) REFERENCES organizations (id) ON DELETE CASCADE
);
CREATE INDEX ix_sites_organization_id ON sites (organization_id);
CREATE TABLE factor_flows (
	factor_id INTEGER NOT NULL, 
	flow VARCHAR(64) NOT NULL, 
	kg_per_unit DOUBLE NOT NULL, 
	CONSTRAINT pk_factor_flows PRIMARY KEY (factor_id, flow), 
	CONSTRAINT fk_factor_flows_factor_id_emission_factors FOREIGN KEY(factor_id) REFERENCES emission_factors (id) ON DELETE CASCADE
);
CREATE TABLE products (
	id INTEGER NOT NULL, 
	code VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	model VARCHAR NOT NULL, 
	declared_unit_value DOUBLE NOT NULL, 
	declared_unit VARCHAR NOT NULL, 
	mass_per_unit_kg DOUBLE, 
	region VARCHAR NOT NULL, 
	organization VARCHAR NOT NULL, 
	credit_code VARCHAR NOT NULL, 
	site_id INTEGER, 
	CONSTRAINT pk_products PRIMARY KEY (id), 
	CONSTRAINT uq_products_code UNIQUE (code), 
	CONSTRAINT fk_products_site_id_sites FOREIGN KEY(site_id) REFERENCES sites (id) ON DELETE SET NULL
);
CREATE INDEX ix_products_site_id ON products (site_id);
CREATE TABLE studies (
	id INTEGER NOT NULL, 
	product_id INTEGER NOT NULL, 
	version VARCHAR NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	boundary VARCHAR(32) NOT NULL, 
	period_start DATE, 
	period_end DATE, 
	period_output_value DOUBLE, 
	period_output_unit VARCHAR, 
	cutoff_rule TEXT NOT NULL, 
	allocation VARCHAR(32) NOT NULL, 
	unit_price DOUBLE, 
	gwp_set VARCHAR(16) NOT NULL, 
	standard VARCHAR NOT NULL, 
	pcr_reference VARCHAR NOT NULL, 
	goal TEXT NOT NULL, 
	electricity_approach VARCHAR NOT NULL, 
	is_current BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_studies PRIMARY KEY (id), 
	CONSTRAINT uq_studies_product_id_version UNIQUE (product_id, version), 
	CONSTRAINT fk_studies_product_id_products FOREIGN KEY(product_id) REFERENCES products (id) ON DELETE CASCADE
);
CREATE INDEX ix_studies_product_id ON studies (product_id);
CREATE TABLE activities (
	id INTEGER NOT NULL, 
	study_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	stage VARCHAR(32) NOT NULL, 
	name VARCHAR NOT NULL, 
	amount DOUBLE NOT NULL, 
	unit VARCHAR NOT NULL, 
	basis VARCHAR(32) NOT NULL, 
	factor_ref VARCHAR NOT NULL, 
	factor_id INTEGER, 
	distance_km DOUBLE, 
	data_type VARCHAR(32) NOT NULL, 
	source TEXT NOT NULL, 
	note TEXT NOT NULL, 
	geography VARCHAR NOT NULL, 
	CONSTRAINT pk_activities PRIMARY KEY (id), 
	CONSTRAINT fk_activities_study_id_studies FOREIGN KEY(study_id) REFERENCES studies (id) ON DELETE CASCADE, 
	CONSTRAINT fk_activities_factor_id_emission_factors FOREIGN KEY(factor_id) REFERENCES emission_factors (id) ON DELETE RESTRICT
);
CREATE INDEX ix_activities_study_id ON activities (study_id);
CREATE INDEX ix_activities_factor_id ON activities (factor_id);
CREATE TABLE coproducts (
	id INTEGER NOT NULL, 
	study_id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	output_value DOUBLE NOT NULL, 
	output_unit VARCHAR NOT NULL, 
	unit_price DOUBLE, 
	CONSTRAINT pk_coproducts PRIMARY KEY (id), 
	CONSTRAINT fk_coproducts_study_id_studies FOREIGN KEY(study_id) REFERENCES studies (id) ON DELETE CASCADE
);
CREATE INDEX ix_coproducts_study_id ON coproducts (study_id);
CREATE TABLE study_stage_exclusions (
	id INTEGER NOT NULL, 
	study_id INTEGER NOT NULL, 
	stage VARCHAR(32) NOT NULL, 
	justification TEXT NOT NULL, 
	CONSTRAINT pk_study_stage_exclusions PRIMARY KEY (id), 
	CONSTRAINT uq_study_stage_exclusions_study_id_stage UNIQUE (study_id, stage), 
	CONSTRAINT fk_study_stage_exclusions_study_id_studies FOREIGN KEY(study_id) REFERENCES studies (id) ON DELETE CASCADE
);

INSERT INTO organizations VALUES (1, '示例钢铁有限公司', '91320000MA1XXXXX0X', '江苏省南京市', '张三', '025-0000000', 'pcf@example.com');
INSERT INTO sites VALUES (1, 1, '一号厂区', '江苏', '华东', '南京市江宁区');
INSERT INTO factor_datasets VALUES (1, 'workbook: steel.xlsx', '', '0123456789ab', '2025-03-01 08:00:00.000000', 'steel.xlsx', '', 0);
INSERT INTO emission_factors VALUES (1, 1, 'ELEC-EAST', '华东电网电力', 'electricity', 'kWh', '千瓦时', 'MEE 2022', 2022, '华东', 'AR5', '', '');
INSERT INTO emission_factors VALUES (2, 1, 'ORE', 'Iron ore', 'material', 't', 't', 'literature', NULL, 'CN', '', 'estimate', '');
INSERT INTO factor_flows VALUES (1, 'co2_fossil', 0.5703);
INSERT INTO factor_flows VALUES (2, 'co2_fossil', 12.5);
INSERT INTO factor_flows VALUES (2, 'ch4_fossil', 0.01);
INSERT INTO products VALUES (1, 'STEEL-1', 'Hot-rolled coil', 'Q235', 1.0, 't', 1000.0, 'CN', '示例钢铁有限公司', '91320000MA1XXXXX0X', NULL);
INSERT INTO products VALUES (2, 'SLAB', 'Slab', '', 1.0, 't', NULL, '', '', '', NULL);
INSERT INTO studies VALUES (1, 1, '1', 'draft', 'cradle-to-gate', '2024-01-01', '2024-12-31', 24000.0, '吨', '1% of mass', 'economic', 4200.0, 'AR6', 'GB/T 24067-2024 / ISO 14067:2018', '', 'label application', 'location-based', 1, '2025-03-01 08:00:00.000000', '2025-03-01 08:00:00.000000');
INSERT INTO studies VALUES (2, 2, '1', 'draft', 'gate-to-gate', NULL, NULL, NULL, NULL, '', 'none', NULL, 'AR6', 'GB/T 24067-2024 / ISO 14067:2018', '', '', '', 1, '2025-03-01 08:00:00.000000', '2025-03-01 08:00:00.000000');
INSERT INTO study_stage_exclusions VALUES (1, 1, 'distribution', 'customer collects at the gate');
INSERT INTO activities VALUES (1, 1, 0, 'raw_materials', 'Slab', 1.02, 't', 'per_unit', 'product:SLAB', NULL, NULL, 'primary', 'MES', '', 'CN');
INSERT INTO activities VALUES (2, 1, 1, 'production', 'Electricity', 3600000.0, 'kWh', 'per_period', 'ELEC-EAST', 1, NULL, 'primary', 'meter', 'whole plant', '华东');
INSERT INTO activities VALUES (3, 2, 0, 'production', 'Iron ore', 1.6, 't', 'per_unit', 'ORE', 2, 120.0, 'secondary', '', '', '');
INSERT INTO coproducts VALUES (1, 1, 'Slag', 3000.0, 't', 80.0);
