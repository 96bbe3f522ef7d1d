"""Life-cycle stages and system boundaries (GB/T 24067-2024 / ISO 14067:2018)."""
from __future__ import annotations

from enum import Enum

from core.i18n import tr


class Stage(str, Enum):
    RAW_MATERIALS = "raw_materials"
    PRODUCTION = "production"
    DISTRIBUTION = "distribution"
    USE = "use"
    END_OF_LIFE = "end_of_life"

    def label(self, lang: str | None = None) -> str:
        return tr(f"stage.{self.value}", lang=lang)


STAGES: tuple[Stage, ...] = tuple(Stage)


class Boundary(str, Enum):
    CRADLE_TO_GATE = "cradle-to-gate"
    CRADLE_TO_GRAVE = "cradle-to-grave"
    GATE_TO_GATE = "gate-to-gate"

    @property
    def stages(self) -> frozenset[Stage]:
        return _BOUNDARY_STAGES[self]

    def label(self, lang: str | None = None) -> str:
        return tr(f"boundary.{self.value}", lang=lang)


_BOUNDARY_STAGES = {
    Boundary.CRADLE_TO_GATE: frozenset({Stage.RAW_MATERIALS, Stage.PRODUCTION}),
    Boundary.CRADLE_TO_GRAVE: frozenset(STAGES),
    Boundary.GATE_TO_GATE: frozenset({Stage.PRODUCTION}),
}

# Spellings accepted in workbooks (keys and Chinese names; matched case-insensitively after trimming).
STAGE_SPELLINGS: dict[str, Stage] = {
    **{s.value: s for s in STAGES},
    "原材料获取": Stage.RAW_MATERIALS, "原材料获取阶段": Stage.RAW_MATERIALS, "原材料": Stage.RAW_MATERIALS,
    "生产制造": Stage.PRODUCTION, "生产制造阶段": Stage.PRODUCTION, "生产": Stage.PRODUCTION,
    "分销运输": Stage.DISTRIBUTION, "分销运输阶段": Stage.DISTRIBUTION, "分销": Stage.DISTRIBUTION,
    "使用": Stage.USE, "使用阶段": Stage.USE,
    "废弃处置": Stage.END_OF_LIFE, "废弃处置阶段": Stage.END_OF_LIFE, "废弃": Stage.END_OF_LIFE,
    "raw materials": Stage.RAW_MATERIALS, "end of life": Stage.END_OF_LIFE, "end-of-life": Stage.END_OF_LIFE,
}

BOUNDARY_SPELLINGS: dict[str, Boundary] = {
    **{b.value: b for b in Boundary},
    "摇篮到大门": Boundary.CRADLE_TO_GATE, "从摇篮到大门": Boundary.CRADLE_TO_GATE,
    "摇篮到坟墓": Boundary.CRADLE_TO_GRAVE, "从摇篮到坟墓": Boundary.CRADLE_TO_GRAVE,
    "大门到大门": Boundary.GATE_TO_GATE, "从大门到大门": Boundary.GATE_TO_GATE,
    "cradle to gate": Boundary.CRADLE_TO_GATE, "cradle to grave": Boundary.CRADLE_TO_GRAVE,
    "gate to gate": Boundary.GATE_TO_GATE,
}


def parse_stage(text: str) -> Stage | None:
    return STAGE_SPELLINGS.get(str(text).strip().lower())


def parse_boundary(text: str) -> Boundary | None:
    return BOUNDARY_SPELLINGS.get(str(text).strip().lower())
