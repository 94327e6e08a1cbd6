"""HTML pages of the enforcement app (namespace "enforcement", mounted at /enforcement/).

Thin views by sub-domain: `work` (我的案件与检查, case list, 法制审核 list), `inspections`
(new inspection, inspection record), `cases` (立案, the case page and its action forms, evidence,
publication, and for the 法制审核 reviewer the penalty under review), `on_the_spot` (当场处罚, 简易程序).
Reads go through enforcement.selectors, writes through enforcement.services — the same functions the API calls.
"""
