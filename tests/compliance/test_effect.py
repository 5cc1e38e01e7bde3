"""Reading effect, direction and scope (issue #20): prohibitions in every language are not
grants, amnesty by effect without the word is, Arabic is normalised, functional
immunities stay apart, and every finding explains itself with a cure that works."""
import pytest

from app.compliance.engine import check_clause
from app.compliance.engine.analysis import analyse
from app.compliance.engine.explain import cure
from app.compliance.engine.normalise import detect_language, normalise
from app.compliance.engine.ruleset import load_ruleset


def worst(text):
    order = {"violation": 3, "warning": 2, "notice": 1}
    return max((f.severity for f in check_clause(text)), key=order.get, default="none")


@pytest.mark.parametrize("text", [
    "Genocide, crimes against humanity and war crimes shall not be the object of an amnesty law.",
    "El genocidio y los crímenes de lesa humanidad no podrán ser objeto de amnistía ni indulto.",
    "Les crimes de guerre et les crimes contre l'humanité ne peuvent faire l'objet d'aucune amnistie.",
    "Os crimes de genocídio não são susceptíveis de amnistia.",
    "A pardon does not extinguish the penalties pronounced against genocide or crimes against humanity.",
    "لا يجوز العفو عن جرائم الإبادة الجماعية والجرائم ضد الإنسانية.",
    "لا تسقط جرائم التعذيب بالتقادم.",
    "Crimes against humanity are imprescriptible and no amnesty shall apply to them.",
    "Amnesties, pardons and acts of grace shall not be applicable to war crimes.",
])
def test_prohibitions_in_every_language_are_not_grants(text):
    assert worst(text) == "none", check_clause(text)


@pytest.mark.parametrize("text", [
    "No legal proceedings whatsoever shall be instituted against any person for acts committed during the war.",
    "A free pardon is hereby granted to every person in respect of any act committed by him.",
    "Ha caducado el ejercicio de la pretensión punitiva del Estado respecto de los delitos cometidos por militares.",
    "L'action publique est éteinte pour tous les faits commis pendant les événements.",
    "Nenhuma pessoa será processada pelos atos cometidos durante o conflito; fica extinta a punibilidade.",
    "لا يجوز اتخاذ أي إجراء قضائي ضد أفراد القوات المسلحة عن الأفعال المرتكبة خلال النزاع.",
    "يُعفى عفواً شاملاً عن جميع الجرائم المرتكبة قبل تاريخ العمل بهذا القانون.",
])
def test_amnesty_by_effect_without_the_word_is_a_violation(text):
    assert worst(text) == "violation", check_clause(text)


def test_arabic_normalisation_keeps_offsets():
    text = "وَالتَّعْذِيبُ والإبادة الجماعيّة"
    norm = normalise(text)
    assert "ال" in norm.text and "اباده" in norm.text and "\u064e" not in norm.text
    start = norm.text.index("اباده")
    s, e = norm.span(start, start + 5)
    assert text[s:e] == "إبادة"


@pytest.mark.parametrize("word", ["تعذيب", "التعذيب", "والتعذيب", "بالتعذيب", "للتعذيب", "وَالتَّعْذِيب"])
def test_arabic_prefixes_and_diacritics_still_name_the_crime(word):
    text = f"يمنح عفو عام عن الجرائم باستثناء {word}."
    analysis = analyse(text)
    assert analysis.grants and "torture" in analysis.excluded


def test_functional_immunity_is_not_an_amnesty_but_state_forces_are():
    assert worst("Observers shall enjoy immunity from legal process for acts performed in their official "
                 "capacity.") == "none"
    assert worst("L'agent diplomatique jouit de l'immunité de la juridiction pénale de l'État accréditaire.") == "none"
    assert worst("No criminal proceedings shall be instituted against members of the armed forces for acts "
                 "performed in the exercise of their functions.") == "violation"


def test_definitions_and_enabling_clauses_grant_nothing():
    assert worst("“Amnesty” means a pardon, exemption or discharge from criminal prosecution.") == "none"
    assert worst("An amnesty may be granted by the National Assembly by virtue of a law.") == "none"


def test_severity_ladder():
    assert worst("Amnesty is granted for all offences except genocide.") == "violation"
    assert worst("Amnesty is granted for all offences except genocide, crimes against humanity and war "
                 "crimes.") == "warning"
    assert worst("Amnesty is granted for political offences committed during the conflict.") == "warning"
    assert worst("Amnesty is granted for the offences of rebellion and sedition.") == "notice"
    assert worst("Amnesty is granted for the offences of rebellion and sedition and connected offences.") == "violation"
    assert worst("Amnesty is granted to all who make a full disclosure of their acts.") == "warning"


@pytest.mark.parametrize("text,language", [
    ("The Government shall grant amnesty to all combatants for acts committed during the conflict.", "en"),
    ("Le Gouvernement accordera l'amnistie à tous les combattants pour les faits commis pendant le conflit.", "fr"),
    ("Se concede amnistía a todos los combatientes por los hechos cometidos durante el conflicto.", "es"),
    ("É concedida amnistia a todos os combatentes pelos atos cometidos durante o conflito.", "pt"),
    ("يُمنح عفو عام عن جميع الأفعال المرتكبة خلال النزاع.", "ar"),
])
def test_the_cure_is_in_the_clause_language_and_cures(text, language):
    assert detect_language(text) == language
    [finding] = check_clause(text)
    e = finding.explanation
    assert finding.severity == "violation" and finding.label and "." not in finding.label
    assert set(e) == {"grant", "scope", "excluded", "missing", "spans", "norms", "cure", "precedents"}
    assert e["grant"]["text"] == text[e["grant"]["start"]:e["grant"]["end"]]
    assert {s["kind"] for s in e["spans"]} <= {"grant", "scope", "exclusion", "prohibition"}
    assert e["cure"]["language"] == language
    assert e["precedents"] and e["precedents"][0]["source"]
    assert set(e["norms"]) <= {"S/2004/616 paras 10 and 64(c)", "S/2009/189 para 36", "UNSCR 1820 (2008) para 4",
                               "OHCHR, Rule-of-law tools for post-conflict States: Amnesties (2009)"}
    cured = check_clause(text + "\n" + e["cure"]["text"])
    assert [f.severity for f in cured] == ["notice"], cured


def test_a_partial_exclusion_gets_a_cure_for_what_is_missing_only():
    [finding] = check_clause("Amnesty is granted for all offences, except genocide, crimes against humanity, "
                             "war crimes and torture.")
    e = finding.explanation
    assert e["excluded"] == ["genocide", "crimes_against_humanity", "war_crimes", "torture"]
    assert e["missing"] == ["gross_violations", "sexual_violence"]
    assert "torture" not in e["cure"]["text"] and "enforced disappearance" in e["cure"]["text"]
    assert cure([], set(), load_ruleset(), "en") is None


@pytest.mark.parametrize("text", [
    "The requested State may refuse extradition if the prosecution of the offence is time-barred under its law.",
    "The President may, after consultation with the Council of State, grant pardons and reprieves.",
    "Le Président de la République a le droit de faire grâce.",
    "لرئيس الجمهورية حق العفو عن العقوبة أو تخفيفها.",
    "No criminal proceedings shall be instituted or continued against the President while he holds office.",
    "A witness shall not be prosecuted on the basis of testimony given before the Commission.",
])
def test_pardon_powers_extradition_and_office_immunities_are_not_amnesties(text):
    assert worst(text) == "none", check_clause(text)
