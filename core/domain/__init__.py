"""The study as plain data: what the store saves, the workbook reader produces, the engine computes and the facade
hands to the GUI and the CLI.

No ORM object crosses this line. `study.py` holds the study itself (organization, sites, products, studies,
activities, factors, evidence); `factor_batch.py` many factors as columns (a file import, written in bulk);
`factor_search.py` the dataset versions and what a factor search asks and finds.
"""
from core.domain.factor_batch import FactorBatch, Progress
from core.domain.factor_search import DatasetInfo, FactorHit, FactorQuery, SearchFilter, co2e_per_unit
from core.domain.study import (
                               DEFAULT_STANDARD,
                               PRODUCT_LINK_PREFIX,
                               Activity,
                               Allocation,
                               Basis,
                               Coproduct,
                               DataType,
                               EmissionFactor,
                               Evidence,
                               Organization,
                               Product,
                               ProjectData,
                               Site,
                               Study,
                               StudyStatus,
)

__all__ = [
    "DEFAULT_STANDARD", "PRODUCT_LINK_PREFIX", "Activity", "Allocation", "Basis", "Coproduct", "DataType",
    "DatasetInfo", "EmissionFactor", "Evidence", "FactorBatch", "FactorHit", "FactorQuery", "Organization",
    "Product", "Progress", "ProjectData", "SearchFilter", "Site", "Study", "StudyStatus", "co2e_per_unit",
]
