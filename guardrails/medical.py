"""Medical questions from users and medical claims in what the assistant writes.

A coach may say "rest on Sunday" or "warm up to avoid injury"; it may not diagnose, treat,
cure, prescribe or dose. A user's medical question is never refused outright: it is noted so
the reply can point to a doctor or physio while still helping with the training side.
"""

from __future__ import annotations

from guardrails.signal import Signal, anywhere, at, present

_CONDITIONS = (
    r"(?:diseases?|cancer|diabetes|depression|anxiety|arthritis|asthma|hypertension|insomnia"
    r"|illness(?:es)?|infections?|obesity|inflammation|injur(?:y|ies)|back\s+pain|pain|migraines?"
    r"|alzheimer'?s?|dementia|heart\s+disease|stroke|osteoporosis|covid|flu|colds?|adhd|ptsd"
    r"|symptoms|conditions?|disorders?|syndromes?|plantar\s+fasciitis|tendinitis|tendonitis"
    r"|shin\s+splints|splints|fasciitis|high\s+blood\s+pressure|blood\s+pressure|cholesterol)"
)
# Injury prevention is ordinary coaching ("warm up to prevent injury"); illness prevention is not.
_ILLNESSES = (
    r"(?:diseases?|cancer|diabetes|depression|anxiety|arthritis|hypertension|illness(?:es)?"
    r"|infections?|dementia|alzheimer'?s?|heart\s+(?:disease|attacks?)|strokes?|osteoporosis"
    r"|covid|flu|colds?|high\s+blood\s+pressure)"
)
_DRUGS = (
    r"(?:medications?|meds|medicines?|pills|insulin|ibuprofen|painkillers?|antibiotics?"
    r"|opioids?|steroids?|antidepressants?|supplements?|aspirin|paracetamol|acetaminophen)"
)
_FIGURES_OF_SPEECH = (
    r"(?!motivation|fun|fresh|sunshine|confidence|energy|inspiration|encouragement|reality)"
)

_CONDITION_WORDS = (
    "disease diseases cancer diabetes depression anxiety arthritis asthma hypertension insomnia "
    "illness illnesses infection infections obesity inflammation injury injuries pain migraine "
    "migraines alzheimer alzheimers dementia stroke osteoporosis covid flu cold colds adhd ptsd "
    "symptoms condition conditions disorder disorders syndrome syndromes fasciitis tendinitis "
    "tendonitis splints pressure cholesterol blood"
)
_DRUG_WORDS = (
    "medication medications meds medicine medicines pills insulin ibuprofen painkiller "
    "painkillers antibiotic antibiotics opioid opioids steroid steroids antidepressant "
    "antidepressants supplement supplements aspirin paracetamol acetaminophen"
)

CLAIM_RULES = (
    present("cure cures cured curing diagnose diagnoses diagnosed diagnosis diagnosing "
            "diagnostic treatment treatments prescribe prescribes prescribed prescribing "
            "prescription prescriptions dosage dosages detox detoxes detoxify detoxifies "
            "medication medications antibiotic antibiotics ibuprofen painkiller painkillers "
            "opioid opioids steroid steroids antidepressant antidepressants"),
    at("treat treats treated treating",
       rf"treat(?:s|ed|ing)?\s+(?:your\s+|the\s+|my\s+|their\s+)?{_CONDITIONS}\b"),
    at("dose doses", rf"doses?\s+of\s+{_FIGURES_OF_SPEECH}\w+"),
    anywhere(r"\b\d+(?:\.\d+)?\s*(?:mg|mcg|milligrams?|micrograms?|iu|ml)\b", chars="0123456789"),
    at("mg", r"mg\s+of\b"),
    at("heal heals healed healing", r"heal(?:s|ed|ing)?\s+(?:your|the|my|any|all|their)\s+\w+"),
    at("prevent prevents prevented preventing",
       rf"prevent(?:s|ed|ing)?\s+(?:[a-z]+\s+)?{_ILLNESSES}\b"),
    at("guarantee guarantees guaranteed", r"""guarantee[sd]?\s+(?:to\s+)?(?:lower|reduce|cure|fix
       |heal|prevent|reverse|improve|eliminate)\b"""),
    at("lower lowers reduce reduces reverse reverses regulate regulates control controls "
       "balance balances fix fixes", r"""(?:lowers?|reduces?|reverses?|regulates?|controls?
       |balances?|fix(?:es)?)\s+(?:your\s+)?(?:blood\s+pressure|blood\s+sugar|cholesterol
       |insulin|hypertension|diabetes|cancer\s+risk|depression|anxiety|inflammation|hormones
       |a1c)\b"""),
    at("clinically medically scientifically",
       r"(?:clinically|medically|scientifically)\s+proven\b"),
    at("take taking stop start increase reduce skip double",
       rf"""(?:take|taking|stop\s+taking|start\s+taking|increase|reduce|skip|double)\s+
       (?:your\s+)?{_DRUGS}\b"""),
    at("boost boosts strengthen strengthens",
       r"(?:boosts?|strengthens?)\s+(?:your\s+)?immune\s+system\b"),
)  # fmt: skip
"""Medical claims, for model output."""

QUESTION_RULES = (
    at("symptom symptoms sign signs", r"(?:symptoms?|signs?)\s+(?:of|for)\b"),
    at("treatment treatments", r"treatments?\s+(?:for|of)\b"),
    at("how what", r"(?:how|what)\b[^?.\n]{0,30}\b(?:treat|cure|diagnose|prevent|manage|heal)\b",
       needs="treat cure diagnose prevent manage heal"),
    present("diagnose diagnosed diagnosis diagnosing prognosis dosage dose doses mg milligram "
            "milligrams prescription prescriptions vaccine vaccines vaccination vaccinated "
            "surgery ablation anesthesia anaesthesia amoxicillin " + _DRUG_WORDS),
    at("outlook", r"outlook\s+for\b"),
    at("complication complications", r"complications?\s+(?:of|from)\b"),
    at("side", r"side\s+effects?\b", needs="effect effects"),
    at("what", r"what\s+causes\b", needs="causes"),
    at("causes", r"causes\s+of\b"),
    at("risk", r"risk\s+factors?\b", needs="factor factors"),
    at("is", r"is\s+(?:it|this|that)\s+(?:normal|serious|dangerous)\b",
       needs="normal serious dangerous"),
    at(_CONDITION_WORDS + " arrhythmia meningitis anemia anaemia sprain fracture concussion",
       rf"(?:{_CONDITIONS}|arrhythmia|meningitis|anemia|anaemia|sprain|fracture|concussion)\b"
       r"[^\n]*\?"),
)  # fmt: skip
"""Medical questions, for user input (noted, never refused)."""

SIGNALS = (Signal("medical_question", QUESTION_RULES),)
