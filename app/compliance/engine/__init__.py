"""The amnesty-norm rule engine: pure Python, no Flask and no database.

Rules are data in app/compliance/rules/; the engine reads a clause's effect, not its
vocabulary (OHCHR, Rule-of-law tools: Amnesties, 2009): any wording that bars
prosecution or extinguishes liability is checked for express exclusions of the crimes a
UN-endorsed agreement may never amnesty (S/2009/189 para 36; resolution 1820 (2008)).
"""
from .check import check_clause
from .document import Layout, check_clauses, check_document, referenced_ids
from .findings import SEVERITIES, Finding
from .ruleset import ruleset_version

RULESET_VERSION = ruleset_version()

__all__ = ["Finding", "Layout", "SEVERITIES", "RULESET_VERSION", "check_clause", "check_clauses", "check_document", "referenced_ids"]
