"""The demo text's languages (issue #22): English (lead, authentic), Arabic (authentic)
and a French translation, written clause by clause through the same operation a
drafter uses. The drafting step calls `write_texts` before Rev. 1 and `update_arabic`
after its edits for Rev. 2; the working-draft edit after Rev. 2 leaves one Arabic text
to be updated. The French translation covers the first three chapters so far."""
from ..drafting.operations import add_document_language, edit_clause
from ..extensions import db

ARABIC = {
    "The Government of Northland and the Northl": "تلتزم حكومة نورثلاند وحركة تحرير نورثلاند (المشار إليهما فيما يلي بـ\"الطرفين\") بإحلال سلام عادل ودائم.",
    "This Agreement shall be interpreted in acc": "يُفسَّر هذا الاتفاق وفقاً لميثاق الأمم المتحدة والقانون الدولي لحقوق الإنسان.",
    "The Parties recognise the territorial inte": "يعترف الطرفان بالسلامة الإقليمية لنورثلاند [داخل حدودها المعترف بها دولياً].",
    "The Parties shall implement this Agreement": "ينفذ الطرفان هذا الاتفاق بحسن نية وفي حدود الآجال المحددة في مصفوفة التنفيذ.",
    "Nothing in this Agreement shall be constru": "لا يجوز تفسير أي حكم من أحكام هذا الاتفاق على نحو يمس بحقوق الأشخاص المنتمين إلى أقليات.",
    "The Annexes form an integral part of this ": "تشكل المرفقات جزءاً لا يتجزأ من هذا الاتفاق.",
    "A permanent ceasefire shall enter into for": "يدخل وقف دائم لإطلاق النار حيز النفاذ بعد [72 ساعة / سبعة أيام] من توقيع هذا الاتفاق.",
    "The Parties shall cease all offensive mili": "يوقف الطرفان جميع العمليات العسكرية الهجومية، بما في ذلك القصف الجوي وزرع الألغام وتجنيد المقاتلين.",
    "Forces of the Movement shall assemble in t": "تتجمع قوات الحركة في مواقع التجميع المدرجة في المرفق 1 في غضون [30 / 60] يوماً.",
    "A Joint Ceasefire Commission shall be esta": "تُنشأ لجنة مشتركة لوقف إطلاق النار تتألف من ممثلين عن الطرفين وترأسها الأمم المتحدة.",
    "Members of the Ceasefire Monitoring Missio": "يتمتع أعضاء بعثة مراقبة وقف إطلاق النار بالحصانة من الإجراءات القانونية فيما يتعلق بما يصدر عنهم من أقوال أو كتابات وما يقومون به من أعمال بصفتهم الرسمية.",
    "The Parties shall provide the Ceasefire Mo": "يكفل الطرفان لبعثة مراقبة وقف إطلاق النار حرية التنقل دون قيود في جميع أنحاء نورثلاند.",
    "Children associated with armed forces or g": "يُفرج فوراً عن الأطفال المرتبطين بالقوات أو الجماعات المسلحة ويُسلَّمون إلى وكالات حماية الطفل.",
    "A Transitional Government of National Unit": "تُشكَّل حكومة وحدة وطنية انتقالية في غضون 90 يوماً من توقيع هذا الاتفاق.",
    "The Movement shall nominate [one third / t": "ترشح الحركة [ثلث / خُمسي] وزراء الحكومة الانتقالية.",
    "The post of Vice-President shall be held b": "يشغل منصب نائب الرئيس مرشح من الحركة.",
    "Elections for the National Assembly shall ": "تُجرى انتخابات الجمعية الوطنية في موعد أقصاه [24 / 36] شهراً من توقيع هذا الاتفاق.",
    "An Independent Electoral Commission shall ": "تُنشأ مفوضية انتخابات مستقلة يُعيَّن أعضاؤها بتوافق الطرفين.",
    "The Parties shall guarantee freedom of exp": "يكفل الطرفان حرية التعبير وتكوين الجمعيات والتجمع السلمي خلال الفترة الانتقالية.",
    "Members of the National Assembly shall not": "لا يُساءل أعضاء الجمعية الوطنية جنائياً أو مدنياً عن أي تصويت أو قول يصدر عنهم في الجمعية.",
    "The Parties recognise the customary land r": "يعترف الطرفان بالحقوق العرفية للمجتمعات المحلية في الأراضي في المقاطعات الشمالية.",
    "A Land Commission shall resolve disputes o": "تفصل مفوضية للأراضي في المنازعات المتعلقة بالأراضي التي شُغلت خلال النزاع.",
    "Revenues from natural resources shall be s": "تُقسَّم إيرادات الموارد الطبيعية بين الحكومة الوطنية والمقاطعات الشمالية [بالتساوي / بحسب عدد السكان].",
    "A Reconstruction and Development Fund shal": "يُنشأ صندوق لإعادة الإعمار والتنمية بمساهمات من الحكومة والشركاء الدوليين.",
    "Outstanding agricultural loans contracted ": "تُعفى القروض الزراعية المستحقة التي تعاقد عليها المزارعون النازحون قبل النزاع.",
    "The Parties shall protect the environment ": "يحمي الطرفان البيئة ويكفلان الإدارة المستدامة للغابات والموارد المائية.",
    "A Truth and Reconciliation Commission shal": "تُنشأ لجنة للحقيقة والمصالحة للتحقيق في انتهاكات حقوق الإنسان المرتكبة خلال النزاع.",
    "The Government shall grant a general amnes": "تمنح الحكومة عفواً عاماً لجميع أعضاء الحركة عن أي فعل ارتُكب سعياً إلى تحقيق أهدافهم السياسية.",
    "Amnesty shall be granted for the offences ": "يُمنح العفو عن جرائم التمرد والفتنة وحيازة الأسلحة بصورة غير مشروعة المرتكبة فيما يتصل بالنزاع. ولا يشمل العفو الإبادة الجماعية والجرائم ضد الإنسانية وجرائم الحرب والتعذيب والاختفاء القسري والإعدام خارج نطاق القضاء والاسترقاق والاغتصاب وسائر أشكال العنف الجنسي، أو غير ذلك من الانتهاكات الجسيمة لحقوق الإنسان.",
    "Victims of the conflict shall have the rig": "لضحايا النزاع الحق في معرفة الحقيقة وفي العدالة وجبر الضرر وضمانات عدم التكرار.",
    "A Special Chamber for Serious Crimes shall": "تُنشأ دائرة خاصة للجرائم الخطيرة داخل المحكمة العليا [تضم قضاة دوليين / تقتصر على قضاة وطنيين].",
    "All political prisoners shall be released ": "يُفرج عن جميع السجناء السياسيين في غضون 30 يوماً من توقيع هذا الاتفاق.",
    "The Parties shall cooperate fully with the": "يتعاون الطرفان تعاوناً تاماً مع الدائرة الخاصة، بما في ذلك في القبض على المشتبه فيهم وتسليمهم.",
    "An Implementation Monitoring Committee cha": "تتولى لجنة لرصد التنفيذ ترأسها الأمم المتحدة الإشراف على تنفيذ هذا الاتفاق.",
    "The Parties request the Security Council t": "يطلب الطرفان إلى مجلس الأمن إنشاء بعثة لدعم تنفيذ هذا الاتفاق.",
    "Disputes concerning the interpretation of ": "تُحال المنازعات المتعلقة بتفسير هذا الاتفاق إلى لجنة رصد التنفيذ.",
    "The Parties shall submit a report on imple": "يقدم الطرفان إلى اللجنة تقريراً عن التنفيذ كل ثلاثة أشهر.",
    "This Agreement shall enter into force upon": "يدخل هذا الاتفاق حيز النفاذ فور توقيعه من الطرفين.",
    "This Agreement is done in English, French ": "حُرر هذا الاتفاق باللغتين العربية والإنكليزية، ولكل من النصين الحجية ذاتها.",
}

# The Arabic of the texts the team revised for Rev. 2 (keyed as above).
ARABIC_REV2 = {
    "A permanent ceasefire shall enter into for": "يدخل وقف دائم لإطلاق النار حيز النفاذ بعد 72 ساعة من توقيع هذا الاتفاق.",
    "Elections for the National Assembly shall ": "تُجرى انتخابات الجمعية الوطنية في موعد أقصاه 30 شهراً من توقيع هذا الاتفاق، [تحت إشراف الأمم المتحدة].",
    "The Parties shall guarantee freedom of exp": "يكفل الطرفان حرية التعبير وتكوين الجمعيات والتجمع السلمي، وحرية الصحافة، خلال الفترة الانتقالية وبعدها.",
    "Internally displaced persons and refugees ": "للنازحين داخلياً واللاجئين الحق في العودة الطوعية إلى أماكنهم الأصلية في أمان وكرامة.",
}

FRENCH = {
    "The Government of Northland and the Northl": "Le Gouvernement du Northland et le Mouvement de libération du Northland (ci-après « les Parties ») s'engagent en faveur d'une paix juste et durable.",
    "This Agreement shall be interpreted in acc": "Le présent Accord est interprété conformément à la Charte des Nations Unies et au droit international des droits de l'homme.",
    "The Parties recognise the territorial inte": "Les Parties reconnaissent l'intégrité territoriale du Northland [à l'intérieur de ses frontières internationalement reconnues].",
    "The Parties shall implement this Agreement": "Les Parties mettent en œuvre le présent Accord de bonne foi et dans les délais fixés par la Matrice de mise en œuvre.",
    "Nothing in this Agreement shall be constru": "Aucune disposition du présent Accord ne peut être interprétée comme portant atteinte aux droits des personnes appartenant à des minorités.",
    "The Annexes form an integral part of this ": "Les annexes font partie intégrante du présent Accord.",
    "A permanent ceasefire shall enter into for": "Un cessez-le-feu permanent entre en vigueur [72 heures / sept jours] après la signature du présent Accord.",
    "The Parties shall cease all offensive mili": "Les Parties cessent toute opération militaire offensive, y compris les bombardements aériens, la pose de mines et le recrutement de combattants.",
    "Forces of the Movement shall assemble in t": "Les forces du Mouvement se regroupent dans les sites de cantonnement énumérés à l'annexe 1 dans un délai de [30 / 60] jours.",
    "A Joint Ceasefire Commission shall be esta": "Il est créé une Commission mixte de cessez-le-feu, composée de représentants des deux Parties et présidée par l'Organisation des Nations Unies.",
    "Members of the Ceasefire Monitoring Missio": "Les membres de la Mission de surveillance du cessez-le-feu jouissent de l'immunité de juridiction pour leurs paroles, leurs écrits et les actes accomplis en leur qualité officielle.",
    "The Parties shall provide the Ceasefire Mo": "Les Parties garantissent à la Mission de surveillance du cessez-le-feu une liberté de circulation sans restriction sur tout le territoire du Northland.",
    "Children associated with armed forces or g": "Les enfants associés aux forces ou groupes armés sont libérés immédiatement et remis aux organismes de protection de l'enfance.",
    "A Transitional Government of National Unit": "Un Gouvernement de transition d'unité nationale est formé dans les 90 jours suivant la signature du présent Accord.",
    "The Movement shall nominate [one third / t": "Le Mouvement désigne [un tiers / deux cinquièmes] des ministres du Gouvernement de transition.",
    "The post of Vice-President shall be held b": "Le poste de vice-président est occupé par une personne désignée par le Mouvement.",
    "Elections for the National Assembly shall ": "Les élections à l'Assemblée nationale ont lieu au plus tard [24 / 36] mois après la signature du présent Accord.",
    "An Independent Electoral Commission shall ": "Il est créé une Commission électorale indépendante dont les membres sont nommés par consensus des Parties.",
    "The Parties shall guarantee freedom of exp": "Les Parties garantissent la liberté d'expression, d'association et de réunion pacifique pendant la période de transition.",
    "Members of the National Assembly shall not": "Les membres de l'Assemblée nationale ne peuvent être poursuivis au pénal ou au civil en raison d'un vote émis ou de propos tenus à l'Assemblée.",
}


def _clause(clauses, key):
    return next(c for prefix, c in clauses.items() if prefix.startswith(key) or key.startswith(prefix))


def _write(clauses, texts, code, drafter, reason):
    for key, text in texts.items():
        clause = _clause(clauses, key)
        db.session.refresh(clause)
        edit_clause(clause.id, text, clause.current_version_id, actor=drafter, language=code, reason=reason)


def write_texts(document, clauses, drafter) -> None:
    add_document_language(document, "ar", authentic=True, actor=drafter)
    add_document_language(document, "fr", authentic=False, actor=drafter)
    _write(clauses, ARABIC, "ar", drafter, "Arabic text")
    _write(clauses, FRENCH, "fr", drafter, "French translation")


def update_arabic(clauses, drafter) -> None:
    _write(clauses, ARABIC_REV2, "ar", drafter, "Arabic text revised for Rev. 2")
