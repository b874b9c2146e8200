#!/usr/bin/env python3
"""Write EUSurvey "Export > XML" results files of the S3 partnership monitoring report form.

The form is the one of design/S3-FORM.md (titles verbatim, bids as its shortnames); the file layout is the
one EUSurvey's XmlExportCreator writes (design/EUSURVEY-XML.md sections 1.2, 1.3, 1.7, 1.8): the XML
declaration, one newline, then the whole document on one line, no self-closing tags, `& < >` escaped in
text and `& < > "` in attributes.

Element uids are fixed: uid(key) = the first 128 bits of SHA-1("surveycheck:s3-monitoring:" + key) shaped
as a version-4 UUID, with key "element:<bid>" for every element of the form, "survey" for Survey/@uid and
"answerset:<name>" for a contribution id. `--list-uids` prints them. Output is deterministic: the same
arguments always give the same bytes.

Built-in contributions (pick with --contribution, repeatable):
  seed   the real report of seeds/000_9b95227c3a5e5747.txt (Medical technology, January - June 2020),
         answers as the respondent typed them
  clean  a complete, clean Photonics report (July - December 2020), self-assessment answered
  fr     a French-language contribution (lang="FR"; Textile, July - December 2020)
  secret     an EN report (New Nano-Enabled Products) whose self-assessment is canary text (SECRET_*): rare
             words and a one-word region name, so any of it in a public output is a leak
  secret-fr  the same in French (lang="FR", Mountain Regions; SECRET_FR_*)
--synthetic N adds N generated contributions (deterministic for a given --random-seed) for benchmarks.

Examples:
  scripts/make_s3_export.py --contribution seed -o examples/s3-seed-report.xml
  scripts/make_s3_export.py --contribution seed --no-bid --no-type -o seed-2019-style.xml
  scripts/make_s3_export.py --contribution seed --contribution fr --lang EN --lang FR -o two-langs.xml
  scripts/make_s3_export.py --contribution none --synthetic 10000 --random-seed 7 -o corpus.xml
  scripts/make_s3_export.py --contribution secret --contribution secret-fr --no-bid --block-order FR,EN \
      --sub-section --zip ui -o variant.zip

Variants of real exports (design/EUSURVEY-XML.md section 5) are off by default, so the output for the other
options does not depend on them; confidential_texts() gives the confidential text a variant writes.
"""

import argparse
import datetime
import hashlib
import io
import random
import sys
import zipfile
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

# ---------------------------------------------------------------------------------------------------------
# Identity

UID_NAMESPACE = "surveycheck:s3-monitoring:"


def make_uid(key: str) -> str:
    """A fixed UUID-shaped (version 4, RFC 4122 variant) uid derived from `key`."""
    h = hashlib.sha1((UID_NAMESPACE + key).encode("utf-8")).hexdigest()[:32]
    h = h[:12] + "4" + h[13:16] + "89ab"[int(h[16], 16) & 3] + h[17:]
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def element_uid(bid: str) -> str:
    return make_uid("element:" + bid)


SURVEY_ID = "218734"
SURVEY_UID = make_uid("survey")
SURVEY_ALIAS = "S3_TP_Monitoring_Report"
DEFAULT_EXPORT_CREATE = "2021-02-15_10-31-07"

# ---------------------------------------------------------------------------------------------------------
# The form (S3-FORM.md). Every element has a bid; titles are EN; FR holds the French titles by bid.


@dataclass
class Item:
    kind: str  # section | text | free | choice | table | matrix
    bid: str
    title: str
    choices: Sequence[Tuple[str, str]] = ()  # (bid, label) of the possible answers
    rows: Sequence[Tuple[str, str]] = ()  # (bid, label) of table/matrix rows
    cols: Sequence[Tuple[str, str]] = ()  # (bid, label) of table/matrix columns
    deps: Dict[str, List[str]] = field(default_factory=dict)  # choice bid -> bids it makes visible


PERIODS = [
    ("rp_2019_h2", "July - December 2019"),
    ("rp_2020_h1", "January - June 2020"),
    ("rp_2020_h2", "July - December 2020"),
]

PARTNERSHIPS = [
    ("p_medtech", "Medical technology"),
    ("p_photonics", "Photonics"),
    ("p_chemicals", "Chemicals"),
    ("p_cybersecurity", "Cybersecurity"),
    ("p_textile", "Smart Regional Investments in Textile Innovation"),
    ("p_mountain", "Mountain Regions"),
    ("p_traceability", "Traceability and Big Data"),
    ("p_sport", "Industrial Modernisation and Investments in Sport"),
    ("p_3dprinting", "High Performance Production through 3D-Printing"),
    ("p_persmed", "Personalized Medicine"),
    ("p_nano", "New Nano-Enabled Products"),
    ("p_social", "Social Economy"),
]

SDG_GOALS = [
    "End poverty in all its forms everywhere",
    "End hunger, achieve food security and improved nutrition & promote sustainable agriculture",
    "Ensure healthy lives & promote well-being for all at all ages",
    "Ensure inclusive and equitable quality education and promote lifelong learning opportunities for all",
    "Achieve gender equality & empower all women and girls",
    "Ensure availability and sustainable management of water and sanitation for all",
    "Ensure access to affordable, reliable, sustainable and modern energy for all",
    "Promote sustained, inclusive and sustainable economic growth, full and productive employment & decent "
    "work for all",
    "Build resilient infrastructure, promote inclusive and sustainable industrialisation & foster innovation",
    "Reduce inequality within and among countries",
    "Make cities & human settlements inclusive, safe, resilient and sustainable",
    "Ensure sustainable consumption & production patterns",
    "Take urgent action to combat climate change and its impacts",
    "Conserve and sustainably use the oceans, seas & marine resources for sustainable development",
    "Protect, restore and promote sustainable use of terrestrial ecosystems, sustainably manage forests, "
    "combat desertification, halt and reverse land degradation and halt biodiversity loss",
    "Promote peaceful & inclusive societies for sustainable development, provide access to justice for all "
    "and build effective, accountable and inclusive institutions at all levels",
    "Strengthen the means of implementation and revitalise the Global Partnership for Sustainable Development",
]
SDG_ROWS = [("sdg_goal%d" % (i + 1), "Goal %d. %s" % (i + 1, g)) for i, g in enumerate(SDG_GOALS)]
SDG_COLS = [
    ("sdg_strongly_agree", "Strongly agree"),
    ("sdg_agree", "Agree"),
    ("sdg_neutral", "Neutral"),
    ("sdg_disagree", "Disagree"),
    ("sdg_strongly_disagree", "Strongly disagree"),
    ("sdg_not_applicable", "Not applicable"),
]


def _rows(bid: str, n: int) -> List[Tuple[str, str]]:
    return [("%s_r%d" % (bid, i), str(i)) for i in range(1, n + 1)]


def _event_cols(bid: str) -> List[Tuple[str, str]]:
    return [
        (bid + "_event", "Event"),
        (bid + "_date", "Date"),
        (bid + "_place", "Place"),
        (bid + "_other", "Any other information"),
    ]


PARTICIPATING_TITLE = (
    "Please provide the list of participating regions. If possible, please follow this format: "
    '"Name of the region in English (Country abbreviation), NUTS code". e.g.: Lapland (FI), FI1D7'
)

FORM: List[Item] = [
    Item("choice", "reporting_period", "Reporting period", choices=PERIODS),
    Item("choice", "partnership", "Please select the name of your partnership", choices=PARTNERSHIPS),
    Item("section", "s_management", "I. Management report"),
    Item("free", "exec_summary", "Please provide the executive summary of the objectives of your partnership"),
    Item("free", "leading_regions", "Please provide the list of leading regions"),
    # Rich-text title, as EUSurvey stores most titles: exported as &lt;p&gt;...&lt;/p&gt;.
    Item("free", "participating_regions", "<p>" + PARTICIPATING_TITLE + "</p>"),
    Item(
        "free",
        "interested_regions",
        "Please provide the list of interested regions or other entities (other than national /regional "
        "authorities)",
    ),
    Item(
        "table",
        "working_areas",
        "Please provide an overview of the working areas of your partnership",
        rows=_rows("working_areas", 5),
        cols=[
            ("working_areas_area", "Working area"),
            ("working_areas_lead", "Region in charge"),
            ("working_areas_involved", "Involved regions"),
            ("working_areas_actors", "Other actors"),
        ],
    ),
    Item(
        "table",
        "past_events",
        "Please provide information regarding past meetings, workshops and dissemination activities (six months "
        "prior to filling out the survey)",
        rows=_rows("past_events", 5),
        cols=_event_cols("past_events"),
    ),
    Item(
        "table",
        "planned_events",
        "Please provide information regarding planned future meetings, workshops and dissemination activities",
        rows=_rows("planned_events", 10),
        cols=_event_cols("planned_events"),
    ),
    Item("section", "s_progress", "II. Progress report"),
    Item("text", "t_innovative", "<b>Innovative results</b>"),
    Item(
        "free",
        "innovative_results",
        "Please describe innovative results and achievements that could be attributed to the partnership "
        "(specific examples of results vs. objectives)",
    ),
    Item(
        "free",
        "impacts",
        "Tangible short- and medium-term socio-economic impacts achieved or expected (specific examples)",
    ),
    Item(
        "choice",
        "new_projects",
        "Has the partnership identified new interregional investment projects during the reporting period?",
        choices=[("new_projects_yes", "Yes"), ("new_projects_no", "No")],
        deps={"new_projects_yes": ["new_projects_desc"]},
    ),
    Item("free", "new_projects_desc", "Please describe the new interregional investment projects"),
    Item("text", "t_interregional", "<b>Inter-regional and inter-partnership collaborative results</b>"),
    Item(
        "free",
        "other_partnerships",
        "Additional results obtained from working with other partnerships under the thematic S3 Platforms "
        "(specific examples)",
    ),
    Item(
        "free",
        "business_involvement",
        "Evaluation of the involvement of relevant business sector (clusters, SMEs, business associations, "
        "chambers of commerce, Digital Innovation Hubs (DIHs), etcetera) in the Partnership activities "
        "(specific examples)",
    ),
    Item(
        "free",
        "cooperation_level",
        "Evaluation of whether the level of inter-regional cooperation is sufficient to potentially provide "
        "practical and relevant socio-economic impacts (specific examples)",
    ),
    Item("text", "t_new", "<b>New activities</b>"),
    Item(
        "free",
        "eu13_involvement",
        "Involvement of regions from EU13 Member States in the Partnership, in particular with respect to "
        "scoping, mapping and/or matchmaking. In addition, justification should be provided if no EU13 regions "
        "are involved",
    ),
    Item(
        "free",
        "non_eu_involvement",
        "Involvement of regions/countries from outside of EU28 Countries. (Number of participants from non-EU "
        "countries (specify their contribution)",
    ),
    Item(
        "free",
        "outreach",
        "Advancement and promotion of the Partnership through publications and other communication/outreach "
        "activities (number of outreach activities that resulted from the partnership)",
    ),
    Item(
        "free",
        "other_platforms",
        "Activities and projects with partnerships working under other S3 Thematic Platforms (AgriFood, Energy "
        "and Industrial Modernisation)",
    ),
    Item("text", "t_sdg", "<b>Your Partnership and the UN 2030 Sustainable Development Goals (SDGs)</b>"),
    Item(
        "matrix",
        "sdg",
        "Please indicate to which Sustainable Development Goals and to what extent your thematic Partnership "
        "contributes?",
        rows=SDG_ROWS,
        cols=SDG_COLS,
    ),
    Item("free", "sdg_comments", "Comments"),
    Item("section", "s_self", "III. Self-assessment"),
    Item(
        "choice",
        "sa_progress",
        "How do you assess the overall progress of the partnership during the reporting period?",
        choices=[
            ("sa_progress_ahead", "Ahead of plan"),
            ("sa_progress_on_track", "On track"),
            ("sa_progress_delayed", "Delayed"),
            ("sa_progress_stalled", "Stalled"),
        ],
    ),
    Item("free", "sa_obstacles", "What are the main obstacles the partnership has encountered?"),
    Item("free", "sa_support", "What support would the partnership need from the European Commission?"),
    Item("free", "sa_commitment", "Assessment of the commitment of the partner regions"),
]

# Elements a variant adds to the form (off by default). None of them is in the built-in profile.
# --sub-section: a sub-section marker inside the confidential section III (after sa_progress, so the bound
# confidential questions sa_obstacles, sa_support and sa_commitment follow it), then a question of its own.
SUB_SECTION = Item("section", "s_self_detail", "III.1 Detailed self-assessment")
UNBOUND_QUESTION = Item("free", "sa_confidential_notes", "Notes for the European Commission only")
# --uploads / --zip: a File Upload question at the end of section I.
UPLOAD_QUESTION = Item("upload", "supporting_documents", "Please upload any supporting documents")
VARIANT_ITEMS = [SUB_SECTION, UNBOUND_QUESTION, UPLOAD_QUESTION]

ITEMS: Dict[str, Item] = {item.bid: item for item in FORM + VARIANT_ITEMS}

FR_SDG_GOALS = [
    "Éliminer la pauvreté sous toutes ses formes et partout dans le monde",
    "Éliminer la faim, assurer la sécurité alimentaire, améliorer la nutrition et promouvoir l'agriculture "
    "durable",
    "Permettre à tous de vivre en bonne santé et promouvoir le bien-être de tous à tout âge",
    "Assurer l'accès de tous à une éducation de qualité, sur un pied d'égalité, et promouvoir les possibilités "
    "d'apprentissage tout au long de la vie",
    "Parvenir à l'égalité des sexes et autonomiser toutes les femmes et les filles",
    "Garantir l'accès de tous à l'eau et à l'assainissement et assurer une gestion durable des ressources en eau",
    "Garantir l'accès de tous à des services énergétiques fiables, durables et modernes, à un coût abordable",
    "Promouvoir une croissance économique soutenue, partagée et durable, le plein emploi productif et un "
    "travail décent pour tous",
    "Bâtir une infrastructure résiliente, promouvoir une industrialisation durable qui profite à tous et "
    "encourager l'innovation",
    "Réduire les inégalités dans les pays et d'un pays à l'autre",
    "Faire en sorte que les villes et les établissements humains soient ouverts à tous, sûrs, résilients et "
    "durables",
    "Établir des modes de consommation et de production durables",
    "Prendre d'urgence des mesures pour lutter contre les changements climatiques et leurs répercussions",
    "Conserver et exploiter de manière durable les océans, les mers et les ressources marines aux fins du "
    "développement durable",
    "Préserver et restaurer les écosystèmes terrestres, en veillant à les exploiter de façon durable, gérer "
    "durablement les forêts, lutter contre la désertification, enrayer et inverser le processus de dégradation "
    "des terres et mettre fin à l'appauvrissement de la biodiversité",
    "Promouvoir l'avènement de sociétés pacifiques et ouvertes à tous aux fins du développement durable, "
    "assurer l'accès de tous à la justice et mettre en place, à tous les niveaux, des institutions efficaces, "
    "responsables et ouvertes à tous",
    "Renforcer les moyens de mettre en œuvre le Partenariat mondial pour le développement durable et le "
    "revitaliser",
]

# French titles (our translation) by bid; table row labels ("1", "2", ...) are the same in every language.
FR: Dict[str, str] = {
    "reporting_period": "Période de référence",
    "rp_2019_h2": "Juillet - Décembre 2019",
    "rp_2020_h1": "Janvier - Juin 2020",
    "rp_2020_h2": "Juillet - Décembre 2020",
    "partnership": "Veuillez sélectionner le nom de votre partenariat",
    "p_medtech": "Technologies médicales",
    "p_photonics": "Photonique",
    "p_chemicals": "Chimie",
    "p_cybersecurity": "Cybersécurité",
    "p_textile": "Investissements régionaux intelligents dans l'innovation textile",
    "p_mountain": "Régions de montagne",
    "p_traceability": "Traçabilité et mégadonnées",
    "p_sport": "Modernisation industrielle et investissements dans le sport",
    "p_3dprinting": "Production haute performance par impression 3D",
    "p_persmed": "Médecine personnalisée",
    "p_nano": "Nouveaux produits nanotechnologiques",
    "p_social": "Économie sociale",
    "s_management": "I. Rapport de gestion",
    "exec_summary": "Veuillez fournir le résumé des objectifs de votre partenariat",
    "leading_regions": "Veuillez fournir la liste des régions chefs de file",
    "participating_regions": "<p>Veuillez fournir la liste des régions participantes. Si possible, veuillez "
    "suivre ce format : « Nom de la région en anglais (abréviation du pays), code NUTS ». Ex. : Lapland (FI), "
    "FI1D7</p>",
    "interested_regions": "Veuillez fournir la liste des régions intéressées ou d'autres entités (autres que "
    "les autorités nationales / régionales)",
    "working_areas": "Veuillez donner un aperçu des domaines de travail de votre partenariat",
    "working_areas_area": "Domaine de travail",
    "working_areas_lead": "Région responsable",
    "working_areas_involved": "Régions impliquées",
    "working_areas_actors": "Autres acteurs",
    "past_events": "Veuillez fournir des informations sur les réunions, ateliers et activités de diffusion "
    "passés (six mois avant de remplir l'enquête)",
    "planned_events": "Veuillez fournir des informations sur les réunions, ateliers et activités de diffusion "
    "prévus",
    "s_progress": "II. Rapport d'avancement",
    "t_innovative": "<b>Résultats innovants</b>",
    "innovative_results": "Veuillez décrire les résultats innovants et les réalisations qui peuvent être "
    "attribués au partenariat (exemples précis de résultats par rapport aux objectifs)",
    "impacts": "Impacts socio-économiques tangibles à court et moyen terme obtenus ou attendus (exemples précis)",
    "new_projects": "Le partenariat a-t-il identifié de nouveaux projets d'investissement interrégionaux "
    "pendant la période de référence ?",
    "new_projects_yes": "Oui",
    "new_projects_no": "Non",
    "new_projects_desc": "Veuillez décrire les nouveaux projets d'investissement interrégionaux",
    "t_interregional": "<b>Résultats de la collaboration interrégionale et entre partenariats</b>",
    "other_partnerships": "Résultats supplémentaires obtenus en travaillant avec d'autres partenariats des "
    "plateformes thématiques S3 (exemples précis)",
    "business_involvement": "Évaluation de la participation du secteur économique concerné (clusters, PME, "
    "associations professionnelles, chambres de commerce, pôles d'innovation numérique (DIH), etc.) aux "
    "activités du partenariat (exemples précis)",
    "cooperation_level": "Évaluation de la question de savoir si le niveau de coopération interrégionale est "
    "suffisant pour produire des impacts socio-économiques concrets et pertinents (exemples précis)",
    "t_new": "<b>Nouvelles activités</b>",
    "eu13_involvement": "Participation de régions des États membres de l'UE13 au partenariat, notamment pour "
    "le cadrage, la cartographie et/ou la mise en relation. Une justification doit être fournie si aucune "
    "région de l'UE13 n'est impliquée",
    "non_eu_involvement": "Participation de régions/pays extérieurs à l'UE28. (Nombre de participants de pays "
    "non membres de l'UE (précisez leur contribution)",
    "outreach": "Développement et promotion du partenariat par des publications et d'autres activités de "
    "communication/sensibilisation (nombre d'activités de sensibilisation issues du partenariat)",
    "other_platforms": "Activités et projets avec des partenariats d'autres plateformes thématiques S3 "
    "(Agroalimentaire, Énergie et Modernisation industrielle)",
    "t_sdg": "<b>Votre partenariat et les objectifs de développement durable (ODD) du programme des Nations "
    "unies à l'horizon 2030</b>",
    "sdg": "À quels objectifs de développement durable et dans quelle mesure votre partenariat thématique "
    "contribue-t-il ?",
    "sdg_strongly_agree": "Tout à fait d'accord",
    "sdg_agree": "D'accord",
    "sdg_neutral": "Neutre",
    "sdg_disagree": "Pas d'accord",
    "sdg_strongly_disagree": "Pas du tout d'accord",
    "sdg_not_applicable": "Sans objet",
    "sdg_comments": "Commentaires",
    "s_self": "III. Auto-évaluation",
    "sa_progress": "Comment évaluez-vous l'avancement global du partenariat pendant la période de référence ?",
    "sa_progress_ahead": "En avance",
    "sa_progress_on_track": "Dans les temps",
    "sa_progress_delayed": "En retard",
    "sa_progress_stalled": "Au point mort",
    "sa_obstacles": "Quels sont les principaux obstacles rencontrés par le partenariat ?",
    "sa_support": "De quel soutien le partenariat aurait-il besoin de la part de la Commission européenne ?",
    "sa_commitment": "Évaluation de l'engagement des régions partenaires",
    "s_self_detail": "III.1 Auto-évaluation détaillée",
    "sa_confidential_notes": "Remarques réservées à la Commission européenne",
    "supporting_documents": "Veuillez télécharger les documents justificatifs",
}
FR.update({bid: "Objectif %d. %s" % (i + 1, goal) for i, ((bid, _), goal) in enumerate(zip(SDG_ROWS, FR_SDG_GOALS))})
for _bid, _label in _event_cols("past_events") + _event_cols("planned_events"):
    FR[_bid] = {"Event": "Événement", "Date": "Date", "Place": "Lieu",
                "Any other information": "Autres informations"}[_label]

TITLES: Dict[str, Dict[str, str]] = {"FR": FR}


def all_bids() -> List[Tuple[str, str]]:
    """Every (bid, EN title) of the form, in export order (MatrixCells have no bid)."""
    out = []
    for item in FORM:
        out.append((item.bid, item.title))
        out.extend(item.choices)
        out.extend(item.rows)
        out.extend(item.cols)
    return out


def title_of(bid: str, en_title: str, lang: str) -> str:
    if lang == "EN":
        return en_title
    table = TITLES.get(lang)
    if table is None:
        raise SystemExit("error: no titles for language %r (known: EN, %s)" % (lang, ", ".join(TITLES)))
    if bid in table:
        return table[bid]
    if en_title.isdigit():  # numbered table rows
        return en_title
    raise SystemExit("error: no %s title for element %r" % (lang, bid))


# ---------------------------------------------------------------------------------------------------------
# Contributions


META_ORDER = ["id", "create", "last", "list", "lang", "user", "invitation"]


@dataclass
class Contribution:
    name: str
    meta: Dict[str, str]  # AnswerSet attributes (META_ORDER keys)
    # bid -> value: free text str; choice: choice bid; table: list of rows (lists of cell strings);
    # matrix: dict row bid -> column bid
    answers: Dict[str, object]


def _check(c: Contribution) -> None:
    for bid, value in c.answers.items():
        item = ITEMS.get(bid)
        if item is None or item.kind in ("section", "text"):
            raise SystemExit("error: contribution %r answers %r, which is not a question of the form" % (c.name, bid))
        if item.kind == "free" and not isinstance(value, str):
            raise SystemExit("error: contribution %r: %r needs a text" % (c.name, bid))
        if item.kind == "choice" and value not in dict(item.choices):
            raise SystemExit("error: contribution %r: %r is not a choice of %r" % (c.name, value, bid))
        if item.kind == "table":
            if not isinstance(value, list) or len(value) > len(item.rows) or any(
                    len(r) > len(item.cols) for r in value):
                raise SystemExit("error: contribution %r: table %r has more rows or columns than the form" %
                                 (c.name, bid))
        if item.kind == "matrix":
            rows, cols = dict(item.rows), dict(item.cols)
            if not isinstance(value, dict) or any(r not in rows or a not in cols for r, a in value.items()):
                raise SystemExit("error: contribution %r: matrix %r has an unknown row or column" % (c.name, bid))


SEED_EXEC_SUMMARY = (
    "Reconciling better health / healthy ageing with growth opportunities for healthcare industries (and most \n"
    "notably SMEs) is the main objective of the previous Vanguard project and subsequent Industry Driven \n"
    "Initiative ESTHER (Emerging and Strategic Technologies for Healthcare).The Medtech thematic group \n"
    "started in May 2016 gathering Regions, RTOs and clusters in the frame of the ESTHER / VANGUARD \n"
    "initiatives. In December 2016, a scoping note was written and ESTHER partners applied on the S3 platform. \n"
    "Auvergne-Rhône-Alpes Region is leading this Medtech partnership. Since September 2017, the Medtech \n"
    "platform is supported by ReConfirm initiativefordevelopping innovativeinterregional projects, so called\"\n"
    "investment protocols\". A first mapping of competencies has been driven in 2017, completed and \n"
    "consolidated by Reconfirm in 2018. Reconfirm provides support to work  on the animationof the partenership \n"
    "and help the group to define interregional innovative project / pilot definition and plan investments \n"
    "projectsMedTech partnership activities are centred on the development of the project identified along its \n"
    "activities, providing also the opportunity to partners to raise awareness around medical technologies assets \n"
    "and initiaitives open for collaboration."
)

SEED_PARTICIPATING = (
    "Baden-Würrtemberg(GER) East Netherlands (NL) South Netherlands(NL) Wallonia(BEL) Bretagne(FRA)\n"
    "Thüringen (GER) Vastra Götaland(SWE) Catalonia(ESP) Flanders(BEL) Sud/PACA(FRA) Grand Est (FRA)\n"
    "Piedmont(ITA) Copenhagen(DEN) South Denmark(DEN) Navarra(ESP) Tuscany(ITA) Helsinki(FIN) Aragon \n"
    "(ESP) Oulu Region(FIN) South Transdanubia(HUN) Upper Silesia(POL) Slovenia(SLO) Basque Country\n"
    "(ESP), NordRhein Westfalia(GER) Emilia-Romagna(ITA) Ireland(IRE) Occitanie (FRA) Lombardy (ITA)"
)

SEED_OTHER_PARTNERSHIPS = (
    "4investments protocols are developed within the partnership a\n"
    "\u2022Healthcare 4.0 / partner lead: Tuscany LifeScience:discussionswithin the potential project partnership on \n"
    "how to refine the scope and developments were launchedby the leader, as well as 'pitch' request for next \n"
    "events, for disseminating upon the opportunity confered.\n"
    "\u2022Medtech NETHUB / CEA: TAF project made up but not successful. \n"
    "\u2022Centre for Biocompatibility/GAPR: recap\u2019 of the project objectives and format As the partnership also \n"
    "facilitates interactions between regional stakeholders, collaborative initiaitives gathering MedTech partners \n"
    "are being developed / implemented aside 'investment protocols related activities'\n"
    "2 COSME projects (ESCP) : -S3MARTMED (leader Lyonbiopole, Auvergne-Rhône-Alpes) -AI4Diag (leader \n"
    "EuroBiomed, Sud PACA) Several MedTech-related European initiatives, among which: \n"
    "-MedTech4Europe -INTERREG EUROPE Call 3 (AURA) "
)


def seed_contribution() -> Contribution:
    """The real report of seeds/000_9b95227c3a5e5747.txt; text and line breaks as in the seed."""
    return Contribution(
        name="seed",
        meta={
            "id": make_uid("answerset:seed"),
            "create": "2020-07-09_16-24-51",
            "last": "2020-07-14_10-02-37",
            "list": "48213",
            "lang": "EN",
            "user": "medtech.coordinator@example.eu",
            "invitation": "",
        },
        answers={
            "reporting_period": "rp_2020_h1",
            "partnership": "p_medtech",
            "exec_summary": SEED_EXEC_SUMMARY,
            "leading_regions": "Auvergne-Rhône-Alpes\nSouth Netherlands",
            "participating_regions": SEED_PARTICIPATING,
            "working_areas": [
                ["Connected Health", "East Netherlands, Tuscany, Emilia-Romagna",
                 "Lombardy, Navarra, Auvergne-Rhône-Alpes, South Netherlands", ""],
                ["Biomaterials and implants", "Upper Silesia, Sud PACA",
                 "Navarra, Emilia-Romagna, Auvergne Rhône-Alpes, Catalonia", ""],
                ["Medical devices and imaging", "South Netherlands, Piedmont, Auvergne-Rhône-Alpes",
                 "Catalonia, Grand Est, Aragon, Emilia-Romagna, Lombardy, Sud PACA", ""],
            ],
            "past_events": [["Plenary Meeting", "24/10/19", "Bruxelles", ""]],
            "planned_events": [
                ["Steering Comittee", "March 2020", "Visioconference", ""],
                ["PLenary Meeting", "Mid-2020", "Brussels", ""],
            ],
            "innovative_results": (
                "One project have been deleted to a human ressources change in the lead region (Piedmont).\n"
                "Two COSME projects (S3MARTMED and AI4DIAG) are still going on."
            ),
            "impacts": (
                "Due to the final objectives of the European Commission (projects close to marked), it is now "
                "clear that the \npartnership needs to fulfill new goals. MedTech is still a very fragmented "
                "sector. We need to recreate new \nobjectives related to partners specific needs (regulation) "
            ),
            "other_partnerships": SEED_OTHER_PARTNERSHIPS,
            "sdg_comments": ".",
        },
    )


def clean_contribution() -> Contribution:
    """A complete Photonics report: every mandatory and recommended question answered, regions with NUTS 2016."""
    sdg = {
        "sdg_goal1": "sdg_not_applicable", "sdg_goal2": "sdg_agree", "sdg_goal3": "sdg_strongly_agree",
        "sdg_goal4": "sdg_neutral", "sdg_goal5": "sdg_neutral", "sdg_goal6": "sdg_agree",
        "sdg_goal7": "sdg_agree", "sdg_goal8": "sdg_agree", "sdg_goal9": "sdg_strongly_agree",
        "sdg_goal10": "sdg_neutral", "sdg_goal11": "sdg_neutral", "sdg_goal12": "sdg_agree",
        "sdg_goal13": "sdg_neutral", "sdg_goal14": "sdg_not_applicable", "sdg_goal15": "sdg_not_applicable",
        "sdg_goal16": "sdg_not_applicable", "sdg_goal17": "sdg_agree",
    }
    return Contribution(
        name="clean",
        meta={
            "id": make_uid("answerset:clean"),
            "create": "2021-01-18_09-47-12",
            "last": "2021-01-25_14-05-30",
            "list": "51877",
            "lang": "EN",
            "user": "",
            "invitation": "",
        },
        answers={
            "reporting_period": "rp_2020_h2",
            "partnership": "p_photonics",
            "exec_summary": (
                "The Photonics partnership brings together regions that have placed photonics and optical "
                "technologies at the core of their smart specialisation strategies. Its objective is to turn the "
                "complementary strengths of regional research centres, clusters and manufacturers into joint "
                "interregional investment projects in three areas: photonics for agri-food quality, integrated "
                "photonics for medical diagnostics, and laser-based manufacturing for small and medium-sized "
                "enterprises.\nDuring the second half of 2020 the partnership moved its meetings online, "
                "completed the mapping of the pilot lines open to partners and prepared two demonstration cases "
                "for investment."
            ),
            "leading_regions": "Noord-Brabant (NL), NL41\nThuringia (DE), DEG0",
            "participating_regions": (
                "Berlin (DE), DE30\n"
                "Ile-de-France (FR), FR10\n"
                "Catalonia (ES), ES51\n"
                "Tuscany (IT), ITI1\n"
                "Helsinki-Uusimaa (FI), FI1B\n"
                "West Sweden (SE), SE23\n"
                "Styria (AT), AT22\n"
                "Attica (EL), EL30\n"
                "Lower Silesia (PL), PL51\n"
                "Pomerania (PL), PL63\n"
                "South Moravia (CZ), CZ064\n"
                "Prague (CZ), CZ01"
            ),
            "interested_regions": (
                "Photonics21 technology platform; European Photonics Industry Consortium (EPIC); "
                "Norte (PT), PT11 regional innovation agency as an observer"
            ),
            "working_areas": [
                ["Photonics for agri-food quality", "Noord-Brabant", "Catalonia, Tuscany, Lower Silesia",
                 "Agri-food clusters, university laboratories"],
                ["Integrated photonics for medical diagnostics", "Thuringia",
                 "Berlin, Ile-de-France, South Moravia, Helsinki-Uusimaa", "University hospitals, diagnostics SMEs"],
                ["Laser-based manufacturing for SMEs", "West Sweden", "Styria, Pomerania, Prague, Attica",
                 "Digital Innovation Hubs, machine builders"],
            ],
            "past_events": [
                ["Online plenary meeting", "17/09/2020", "Online", "32 participants from 14 regions"],
                ["Matchmaking workshop on integrated photonics", "05/11/2020", "Online, hosted by Thuringia",
                 "11 bilateral meetings between companies"],
                ["Webinar for EU13 regions", "03/12/2020", "Online",
                 "Organised with Lower Silesia and South Moravia"],
            ],
            "planned_events": [
                ["Steering committee", "February 2021", "Online", "Approval of the 2021 work plan"],
                ["Investment day on laser-based manufacturing", "April 2021", "Gothenburg",
                 "Hybrid format if travel is possible"],
                ["Plenary meeting", "June 2021", "Eindhoven", ""],
            ],
            "innovative_results": (
                "Two demonstration cases reached the investment-preparation stage: a portable spectroscopy "
                "scanner for grain quality (agri-food working area) and a shared pilot line for photonic "
                "integrated circuits used in point-of-care diagnostics. The objective was three demonstration "
                "cases by the end of 2020: two are on schedule and the third (laser processing for SMEs) moved "
                "to 2021."
            ),
            "impacts": (
                "In the short term, 18 SMEs gained access to pilot lines in other regions through the "
                "partnership's access vouchers. In the medium term the two demonstration cases are expected to "
                "mobilise about EUR 14 million of regional, national and private investment and to create "
                "specialised jobs in the participating regions."
            ),
            "new_projects": "new_projects_yes",
            "new_projects_desc": (
                "1) A shared pilot line for photonic integrated circuits between Noord-Brabant, Thuringia and "
                "South Moravia, prepared for a joint application to the Interregional Innovation Investments "
                "instrument.\n2) A network of laser application laboratories in West Sweden, Styria and "
                "Pomerania that lets SMEs run tests before they invest in equipment."
            ),
            "other_partnerships": (
                "With the Medical technology partnership we share a list of hospitals ready to test diagnostic "
                "prototypes, and both partnerships held a joint session at the plenary of September 2020."
            ),
            "business_involvement": (
                "Nine photonics clusters and two Digital Innovation Hubs take part in the working areas, and "
                "companies lead four of the seven work packages of the demonstration cases. Chambers of commerce "
                "in Catalonia and Tuscany recruited SMEs for the matchmaking workshop."
            ),
            "cooperation_level": (
                "The cooperation is sufficient for the two mature demonstration cases: each involves at least "
                "four regions with committed co-funding. For laser-based manufacturing the partners still have to "
                "agree on a common business model before practical impacts can be expected."
            ),
            "eu13_involvement": (
                "Four EU13 regions take part: Lower Silesia and Pomerania (Poland), South Moravia and Prague "
                "(Czechia). South Moravia co-leads the mapping of photonic integrated circuit competences, Lower "
                "Silesia co-organised the webinar for EU13 regions, and both Polish regions joined the matchmaking "
                "on laser-based manufacturing."
            ),
            "non_eu_involvement": (
                "Two participants from outside the EU28 take part as observers: a research institute from Norway "
                "and a photonics cluster from Switzerland. Both contributed to the mapping of pilot lines and open "
                "their facilities to partners under the same conditions."
            ),
            "outreach": (
                "Six outreach activities resulted from the partnership in this period: two articles in the S3 "
                "Platform newsletter, a joint position paper on photonics in regional strategies, two conference "
                "presentations and a video on the demonstration cases."
            ),
            "other_platforms": (
                "We exchanged with the Agri-Food platform on sensors for food quality and with the Energy platform "
                "on photonics for solar module inspection. A joint webinar with the Agri-Food platform is planned "
                "for 2021."
            ),
            "sdg": sdg,
            "sdg_comments": (
                "The partnership contributes mainly to Goals 3 and 9 through diagnostics and advanced "
                "manufacturing, and to Goals 2 and 12 through food quality sensing."
            ),
            "sa_progress": "sa_progress_on_track",
            "sa_obstacles": (
                "Travel restrictions slowed down the laser work package, and two regions have not yet confirmed "
                "their co-funding for 2021."
            ),
            "sa_support": (
                "Guidance on combining ERDF with other EU funds for the pilot line, and introductions to regions "
                "that name photonics in their strategy but are not yet members."
            ),
            "sa_commitment": (
                "Commitment is high in the leading regions and in South Moravia; three participating regions "
                "attended fewer than half of the meetings and should confirm their interest."
            ),
        },
    )


def fr_contribution() -> Contribution:
    """A contribution written in French (lang="FR"); regions separated by ';' on one line."""
    sdg = {bid: "sdg_neutral" for bid, _ in SDG_ROWS}
    sdg.update({"sdg_goal8": "sdg_agree", "sdg_goal9": "sdg_strongly_agree", "sdg_goal12": "sdg_strongly_agree",
                "sdg_goal1": "sdg_not_applicable", "sdg_goal14": "sdg_not_applicable"})
    return Contribution(
        name="fr",
        meta={
            "id": make_uid("answerset:fr"),
            "create": "2021-01-12_15-20-44",
            "last": "2021-01-12_15-20-44",
            "list": "51302",
            "lang": "FR",
            "user": "",
            "invitation": "",
        },
        answers={
            "reporting_period": "rp_2020_h2",
            "partnership": "p_textile",
            "exec_summary": (
                "Le partenariat relie les régions qui ont fait du textile innovant une priorité de leur stratégie "
                "de spécialisation intelligente. Il vise à monter des projets d'investissement communs sur les "
                "textiles techniques, le recyclage des fibres et la production numérique."
            ),
            "leading_regions": "Hauts-de-France (FR), FRE",
            "participating_regions": (
                "Nord-Pas de Calais (FR), FRE1; Auvergne-Rhône-Alpes (FR), FRK; Norte (PT), PT11; "
                "Piedmont (IT), ITC1; Catalonia (ES), ES51; Flanders (BE), BE2"
            ),
            "working_areas": [
                ["Recyclage des fibres", "Hauts-de-France", "Flanders, Norte", "Clusters textiles"],
                ["Textiles techniques pour la santé", "Auvergne-Rhône-Alpes", "Piedmont, Catalonia", ""],
            ],
            "innovative_results": (
                "Une ligne pilote de tri des textiles usagés a été cartographiée & ouverte aux partenaires."
            ),
            "impacts": "Trois PME ont testé la ligne pilote ; deux investissements sont en préparation.",
            "new_projects": "new_projects_no",
            "business_involvement": "Les clusters textiles des six régions participent aux groupes de travail.",
            "cooperation_level": "Suffisant pour le recyclage des fibres, encore faible pour la production numérique.",
            "eu13_involvement": (
                "Aucune région de l'UE13 n'est encore impliquée : les contacts pris avec deux régions polonaises "
                "n'ont pas abouti en 2020."
            ),
            "sdg": sdg,
            "sa_progress": "sa_progress_delayed",
        },
    )


# Canary text of the self-assessment (section III, confidential): rare words, so that any of it found in a
# public output is a leak. The short answers are region names no public answer of a built-in contribution holds.
SECRET_OBSTACLES = "The quarrelsome treasurer of the Zwiebelturm consortium vetoed the pilot budget twice."
SECRET_SUPPORT = "Baden-Württemberg"
SECRET_COMMITMENT = "Commitment collapsed after the Kaltenbrunn memorandum leaked to the regional press."
SECRET_NOTES = "Only for the Commission: the Ostrogoth foundation may sue the lead region over its patents."
SECRET_FR_OBSTACLES = "Le trésorier querelleur du consortium Grenouillère a bloqué deux fois le budget pilote."
SECRET_FR_SUPPORT = "Schleswig-Holstein"
SECRET_FR_COMMITMENT = "L'engagement s'est effondré après la fuite du mémorandum Vauquelin dans la presse."
SECRET_FR_NOTES = "Réservé à la Commission : la fondation Wisigoth pourrait attaquer la région cheffe de file."


def secret_contribution() -> Contribution:
    """An EN report whose self-assessment is canary text (SECRET_*); public answers leave findings to make."""
    return Contribution(
        name="secret",
        meta={
            "id": make_uid("answerset:secret"),
            "create": "2021-01-20_11-02-33",
            "last": "2021-01-21_08-15-00",
            "list": "51990",
            "lang": "EN",
            "user": "nano.secretariat@example.eu",
            "invitation": "inv-5c1d",
        },
        answers={
            "reporting_period": "rp_2020_h2",
            "partnership": "p_nano",
            "exec_summary": (
                "The partnership develops nano-enabled coatings and sensors with regions that share pilot "
                "lines. In the second half of 2020 it prepared two investment cases."
            ),
            "leading_regions": "Upper Austria (AT), AT31",
            "participating_regions": "Saxony (DE), DED2; Limburg (NL); Wallonia (BE), BE3",
            "working_areas": [
                ["R&D pilot lines for nano-coatings", "Upper Austria", "Saxony, Wallonia", "R&D centres"],
            ],
            "innovative_results": "A shared coating pilot line opened to SMEs of three regions.",
            "business_involvement": "n/a",
            "sdg_comments": "-",
            "sa_progress": "sa_progress_stalled",
            "sa_obstacles": SECRET_OBSTACLES,
            "sa_support": SECRET_SUPPORT,
            "sa_commitment": SECRET_COMMITMENT,
            "sa_confidential_notes": SECRET_NOTES,
        },
    )


def secret_fr_contribution() -> Contribution:
    """A FR report (lang="FR") whose self-assessment is canary text (SECRET_FR_*)."""
    return Contribution(
        name="secret-fr",
        meta={
            "id": make_uid("answerset:secret-fr"),
            "create": "2021-01-19_17-40-12",
            "last": "2021-01-19_17-40-12",
            "list": "51961",
            "lang": "FR",
            "user": "",
            "invitation": "",
        },
        answers={
            "reporting_period": "rp_2020_h2",
            "partnership": "p_mountain",
            "exec_summary": (
                "Le partenariat réunit des régions de montagne autour du tourisme durable et de la filière bois."
            ),
            "leading_regions": "Auvergne-Rhône-Alpes (FR), FRK",
            "participating_regions": "Tyrol (AT), AT33; Valais (CH); Piedmont (IT), ITC1",
            "working_areas": [["Filière bois", "Auvergne-Rhône-Alpes", "Tyrol, Piedmont", "R&D bois"]],
            "innovative_results": "Deux projets pilotes de construction en bois ont été lancés.",
            "impacts": "-",
            "new_projects": "new_projects_yes",
            "sa_progress": "sa_progress_delayed",
            "sa_obstacles": SECRET_FR_OBSTACLES,
            "sa_support": SECRET_FR_SUPPORT,
            "sa_commitment": SECRET_FR_COMMITMENT,
            "sa_confidential_notes": SECRET_FR_NOTES,
        },
    )


BUILTIN = {"seed": seed_contribution, "clean": clean_contribution, "fr": fr_contribution,
           "secret": secret_contribution, "secret-fr": secret_fr_contribution}

# ---------------------------------------------------------------------------------------------------------
# Synthetic contributions (benchmarks): deterministic for a given random seed.

SYNTH_REGIONS = [
    ("Noord-Brabant", "NL", "NL41"), ("Thuringia", "DE", "DEG0"), ("Berlin", "DE", "DE30"),
    ("Catalonia", "ES", "ES51"), ("Tuscany", "IT", "ITI1"), ("Helsinki-Uusimaa", "FI", "FI1B"),
    ("West Sweden", "SE", "SE23"), ("Styria", "AT", "AT22"), ("Attica", "EL", "EL30"),
    ("Lower Silesia", "PL", "PL51"), ("Pomerania", "PL", "PL63"), ("South Moravia", "CZ", "CZ064"),
    ("Prague", "CZ", "CZ01"), ("Budapest", "HU", "HU11"), ("Estonia", "EE", "EE00"),
    ("Upper Bavaria", "DE", "DE21"), ("Norte", "PT", "PT11"), ("Western Slovenia", "SI", "SI04"),
    ("Silesia", "PL", "PL22"), ("North-West", "RO", "RO11"), ("Western Slovakia", "SK", "SK02"),
    ("Basque Country", "ES", "ES21"), ("Navarre", "ES", "ES22"), ("Piedmont", "IT", "ITC1"),
    ("Emilia-Romagna", "IT", "ITH5"), ("Capital Region of Denmark", "DK", "DK01"), ("Lapland", "FI", "FI1D7"),
]
SYNTH_SENTENCES = [
    "The partners agreed on a joint roadmap for the next two years.",
    "Two pilot projects reached the stage of investment preparation.",
    "Clusters from five regions joined the working groups.",
    "A mapping of competences was completed and shared with all partners.",
    "The steering committee met online because of travel restrictions.",
    "SMEs took part in matchmaking sessions organised by the leading regions.",
    "Regional authorities confirmed their co-funding for the demonstration cases.",
    "A webinar presented the partnership to interested regions.",
]
SYNTH_START = datetime.datetime(2020, 1, 6, 8, 0, 0)
SYNTH_PLACEHOLDERS = [".", "-", "n/a", "TBD", " ", "<p></p>"]


def synthetic_contributions(n: int, random_seed: int) -> List[Contribution]:
    rng = random.Random(random_seed)
    out = []
    for i in range(n):
        answers: Dict[str, object] = {}
        if rng.random() > 0.02:
            answers["reporting_period"] = rng.choice(PERIODS)[0]
        if rng.random() > 0.02:
            answers["partnership"] = rng.choice(PARTNERSHIPS)[0]

        def text(k: int) -> str:
            if rng.random() < 0.05:
                return rng.choice(SYNTH_PLACEHOLDERS)
            return " ".join(rng.choice(SYNTH_SENTENCES) for _ in range(k))

        for bid in ("exec_summary", "innovative_results", "impacts", "other_partnerships", "business_involvement",
                    "cooperation_level", "eu13_involvement", "non_eu_involvement", "outreach", "other_platforms",
                    "sdg_comments", "sa_obstacles", "sa_support", "sa_commitment"):
            if rng.random() < 0.85:
                answers[bid] = text(rng.randint(1, 6))
        regions = rng.sample(SYNTH_REGIONS, rng.randint(3, 15))
        sep = rng.choice(["\n", "; ", "\n"])
        answers["participating_regions"] = sep.join(
            "%s (%s), %s" % r if rng.random() > 0.1 else "%s(%s)" % r[:2] for r in regions)
        answers["leading_regions"] = "\n".join("%s (%s), %s" % r for r in regions[:2])
        answers["working_areas"] = [[rng.choice(SYNTH_SENTENCES)[:40], regions[0][0], regions[1][0], ""]
                                    for _ in range(rng.randint(0, 5))]
        answers["past_events"] = [["Meeting", "%02d/%02d/2020" % (rng.randint(1, 28), rng.randint(1, 12)),
                                   "Brussels", ""] for _ in range(rng.randint(0, 5))]
        if rng.random() < 0.5:
            answers["new_projects"] = rng.choice(["new_projects_yes", "new_projects_no"])
            if answers["new_projects"] == "new_projects_yes" and rng.random() < 0.8:
                answers["new_projects_desc"] = text(2)
        rows = SDG_ROWS if rng.random() < 0.8 else rng.sample(SDG_ROWS, rng.randint(0, 16))
        answers["sdg"] = {r: rng.choice(SDG_COLS)[0] for r, _ in rows}
        if rng.random() < 0.7:
            answers["sa_progress"] = rng.choice(ITEMS["sa_progress"].choices)[0]
        created = SYNTH_START + datetime.timedelta(seconds=i * 347 + rng.randint(0, 300))
        stamp = created.strftime("%Y-%m-%d_%H-%M-%S")
        out.append(Contribution(
            name="synthetic-%d" % i,
            meta={"id": make_uid("answerset:synthetic:%d:%d" % (random_seed, i)), "create": stamp, "last": stamp,
                  "list": str(60000 + i), "lang": "EN", "user": "", "invitation": ""},
            answers=answers,
        ))
    return out


# ---------------------------------------------------------------------------------------------------------
# Serialisation (the JDK StAX writer's behaviour, EUSURVEY-XML.md 1.2)


def esc_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_attr(s: str) -> str:
    return esc_text(s).replace('"', "&quot;")


class Writer:
    """Writes elements either on one line (EUSurvey) or indented by two spaces (--pretty)."""

    def __init__(self, pretty: bool):
        self.pretty = pretty
        self.parts: List[str] = ['<?xml version="1.0" encoding="UTF-8"?>\n']
        self.depth = 0

    def _indent(self) -> None:
        if self.pretty:
            self.parts.append("  " * self.depth)

    @staticmethod
    def _open(name: str, attrs: Sequence[Tuple[str, str]]) -> str:
        return "<" + name + "".join(' %s="%s"' % (k, esc_attr(v)) for k, v in attrs) + ">"

    def leaf(self, name: str, attrs: Sequence[Tuple[str, str]], text: str = "") -> None:
        self._indent()
        self.parts.append(self._open(name, attrs) + esc_text(text) + "</" + name + ">")
        if self.pretty:
            self.parts.append("\n")

    def start(self, name: str, attrs: Sequence[Tuple[str, str]] = ()) -> None:
        self._indent()
        self.parts.append(self._open(name, attrs))
        if self.pretty:
            self.parts.append("\n")
        self.depth += 1

    def end(self, name: str) -> None:
        self.depth -= 1
        self._indent()
        self.parts.append("</" + name + ">")
        if self.pretty:
            self.parts.append("\n")

    def text(self) -> str:
        return "".join(self.parts)


def _def_attrs(bid: str, type_name: str, opts: "Options") -> List[Tuple[str, str]]:
    attrs = [("id", element_uid(bid))]
    if opts.with_type:
        attrs.append(("type", type_name))
    if opts.with_bid:
        attrs.append(("bid", bid))
    return attrs


QUESTION_TYPES = {"free": "Free Text", "choice": "Single Choice", "upload": "File Upload"}


def form_items(opts: "Options") -> List[Item]:
    """The elements written for `opts`: the form plus the elements its variants add, in survey order."""
    items: List[Item] = []
    for item in FORM:
        items.append(item)
        if opts.sub_section and item.bid == "sa_progress":
            items += [SUB_SECTION, UNBOUND_QUESTION]
        if (opts.uploads or opts.zip) and item.bid == "planned_events":
            items.append(UPLOAD_QUESTION)
    return items


def write_elements(w: Writer, lang: str, opts: "Options") -> None:
    w.start("Elements", [("lang", lang)])
    for item in form_items(opts):
        t = lambda bid, en: title_of(bid, en, lang)  # noqa: E731
        if item.kind == "section":
            w.leaf("Section", _def_attrs(item.bid, "Section", opts), t(item.bid, item.title))
        elif item.kind == "text":
            w.leaf("Text", _def_attrs(item.bid, "Text", opts), t(item.bid, item.title))
        elif item.kind in QUESTION_TYPES:
            w.leaf("Question", _def_attrs(item.bid, QUESTION_TYPES[item.kind], opts), t(item.bid, item.title))
            for cbid, label in item.choices:
                attrs = _def_attrs(cbid, "Choice Answer", opts)
                deps = item.deps.get(cbid)
                if deps and opts.with_dependencies:
                    attrs.append(("dependentElements", ";".join(element_uid(d) for d in deps)))
                w.leaf("Answer", attrs, t(cbid, label))
        elif item.kind == "matrix":
            w.leaf("MatrixTitle", _def_attrs(item.bid, "Matrix", opts), t(item.bid, item.title))
            for rbid, label in item.rows:
                w.leaf("MatrixQuestion", _def_attrs(rbid, "Single Choice Matrix Question", opts), t(rbid, label))
            for cbid, label in item.cols:
                w.leaf("MatrixAnswer", _def_attrs(cbid, "Matrix Answer", opts), t(cbid, label))
            for rbid, _ in item.rows:
                for cbid, _ in item.cols:
                    w.leaf("MatrixCell", [("qid", element_uid(rbid)), ("aid", element_uid(cbid))])
        elif item.kind == "table":
            w.leaf("TableTitle", _def_attrs(item.bid, "Table", opts), t(item.bid, item.title))
            for rbid, label in item.rows:
                w.leaf("TableQuestion", _def_attrs(rbid, "Table Question", opts), t(rbid, label))
            for cbid, label in item.cols:
                w.leaf("TableAnswer", _def_attrs(cbid, "Table Answer", opts), t(cbid, label))
    w.end("Elements")


# ---------------------------------------------------------------------------------------------------------
# Variant content: uploads and Delphi extras, derived from a contribution (deterministic).

# --unknown-aid: the uid that replaces the first contribution's reporting_period option (no option defines it).
UNKNOWN_AID = make_uid("element:rp_withdrawn_option")


def uploads_of(c: Contribution) -> List[Tuple[str, bytes]]:
    """The files a contribution uploads (--uploads, --zip): an XML that is not an export, and an earlier report
    (this contribution's own export, as a respondent attaches last period's report)."""
    regions = ('<?xml version="1.0" encoding="UTF-8"?>\n<regions><region code="AT31">Upper Austria</region>'
               '<region code="DED2">Dresden</region></regions>\n')
    return [("regions.xml", regions.encode("utf-8")),
            ("earlier-report.xml", build_export([c], Options()).encode("utf-8"))]


def delphi_extras(c: Contribution) -> Tuple[List[Tuple[str, str]], List[Tuple[str, str]]]:
    """(explanations, discussions) of a Delphi export, each a list of (question bid, text), in survey order:
    on exec_summary (public; a respondent whose `user` is an e-mail address leaves it there), innovative_results
    (public) and sa_obstacles (confidential: its texts are in confidential_texts)."""
    explanations, discussions = [], []
    if "exec_summary" in c.answers:
        text = "The summary follows the minutes of the second Delphi round."
        if "@" in c.meta.get("user", ""):
            text += " Questions to " + c.meta["user"] + " please."
        explanations.append(("exec_summary", text))
    if "innovative_results" in c.answers:
        discussions.append(("innovative_results", "Panel members asked for the figures of the pilot line."))
    if "sa_obstacles" in c.answers:
        explanations.append(("sa_obstacles", "The %s panel kept this rating because of the Ouroboros audit." % c.name))
        discussions.append(("sa_obstacles", "Reviewers of %s disputed the Ouroboros audit findings." % c.name))
    return explanations, discussions


def confidential_texts(contributions: List[Contribution], opts: "Options") -> List[str]:
    """Every text of a confidential answer that `opts` writes for `contributions` (free texts and table cells of
    section III, the unbound question after the sub-section marker, Delphi texts on them): none of it may appear
    in a public output."""
    confidential = {item.bid for item in FORM[[i.bid for i in FORM].index("s_self"):]}
    if opts.sub_section:
        confidential.add(UNBOUND_QUESTION.bid)
    out: List[str] = []
    for c in contributions:
        for bid, value in c.answers.items():
            if bid not in confidential or bid not in {i.bid for i in form_items(opts)}:
                continue
            if ITEMS[bid].kind == "free":
                out.append(value)
            elif ITEMS[bid].kind == "table":
                out.extend(cell for row in value for cell in row if cell)
        if opts.delphi:
            explanations, discussions = delphi_extras(c)
            out.extend(text for bid, text in explanations + discussions if bid in confidential)
    return [text for text in out if text.strip()]


def write_answer_set(w: Writer, c: Contribution, opts: "Options", first: bool = False) -> None:
    meta = dict(c.meta)
    if opts.anonymous:
        meta.update({k: "Anonymous" for k in ("id", "user") if k in meta})
    w.start("AnswerSet", [(k, meta[k]) for k in META_ORDER if k in opts.meta and k in meta])
    for item in form_items(opts):
        value = c.answers.get(item.bid)
        if item.kind == "free" and value is not None:
            w.leaf("Answer", [("qid", element_uid(item.bid))], value)
        elif item.kind == "choice" and value is not None:
            aid = UNKNOWN_AID if opts.unknown_aid and first and item.bid == "reporting_period" else element_uid(value)
            w.leaf("Answer", [("qid", element_uid(item.bid)), ("aid", aid)])
        elif item.kind == "upload":
            names = [name for name, _ in uploads_of(c)]
            # Path A joins the file names with ';' in one Answer; path B writes one Answer per file.
            for text in (names if opts.path_b else [";".join(names)]):
                w.leaf("Answer", [("qid", element_uid(item.bid))], text)
        elif item.kind == "matrix" and value:
            for rbid, _ in item.rows:
                if rbid in value:
                    w.leaf("Answer", [("aid", element_uid(value[rbid])), ("qid", element_uid(rbid))])
        elif item.kind == "table":  # every cell, answered or not
            rows = value or []
            for r, (rbid, _) in enumerate(item.rows):
                for col, (cbid, _) in enumerate(item.cols):
                    cell = rows[r][col] if r < len(rows) and col < len(rows[r]) else ""
                    if opts.path_b:  # the reporting database escapes cells once more (EUSURVEY-XML.md 1.6)
                        cell = esc_text(cell)
                    w.leaf("Answer", [("qid", element_uid(rbid)), ("aid", element_uid(cbid))], cell)
    if opts.delphi:
        explanations, discussions = delphi_extras(c)
        for bid, text in explanations:
            w.start("Explanation", [("qid", element_uid(bid))])
            w.leaf("ExplanationText", [], text)
            w.leaf("ExplanationLike", [], "")
            w.end("Explanation")
        for bid, text in discussions:
            w.leaf("Discussion", [("qid", element_uid(bid))], text)
    w.end("AnswerSet")


@dataclass
class Options:
    with_bid: bool = True
    with_type: bool = True
    with_dependencies: bool = True
    pretty: bool = False
    langs: Optional[List[str]] = None  # Elements blocks in this order; None: EN + the contributions' languages
    meta: Sequence[str] = tuple(META_ORDER)
    created: str = DEFAULT_EXPORT_CREATE
    # Variants of EUSURVEY-XML.md section 5 (issue 13); all off by default.
    sub_section: bool = False  # SUB_SECTION and UNBOUND_QUESTION inside section III
    answers_blocks: int = 1  # contributions split over this many <Answers> blocks
    anonymous: bool = False  # id="Anonymous" and user="Anonymous" on every AnswerSet
    path_b: bool = False  # reporting-database export: table cells escaped twice, one upload Answer per file
    delphi: bool = False  # Explanation and Discussion elements (delphi_extras)
    unknown_aid: bool = False  # the first contribution's reporting_period answer has an aid no option defines
    uploads: bool = False  # UPLOAD_QUESTION, answered by every contribution with uploads_of()
    zip: Optional[str] = None  # None: a bare XML file; "ui" or "ws": a ZIP of that layout (implies uploads)


def build_export(contributions: List[Contribution], opts: Options) -> str:
    """The whole export file as a string. AnswerSets are written newest first, as EUSurvey's path A does.
    "First" (--unknown-aid) is the first contribution of `contributions`, not of the file."""
    for c in contributions:
        _check(c)
    langs = opts.langs
    if not langs:
        langs = ["EN"] + sorted({c.meta.get("lang", "EN") for c in contributions} - {"EN"})
    ordered = sorted(contributions, key=lambda c: c.meta.get("create", ""), reverse=True)
    first = contributions[0] if contributions else None
    w = Writer(opts.pretty)
    w.start("Results", [("create", opts.created)])
    w.start("Survey", [("id", SURVEY_ID), ("uid", SURVEY_UID), ("alias", SURVEY_ALIAS)])
    for lang in langs:
        write_elements(w, lang, opts)
    w.end("Survey")
    blocks = max(1, opts.answers_blocks)
    for b in range(blocks):
        w.start("Answers")
        for c in ordered[len(ordered) * b // blocks:len(ordered) * (b + 1) // blocks]:
            write_answer_set(w, c, opts, c is first)
        w.end("Answers")
    w.end("Results")
    return w.text()


EXPORT_ID = "7342"  # the UI ZIP names its XML Export<id>.xml
ZIP_TIME = (2021, 2, 15, 10, 31, 6)


def zip_entries(contributions: List[Contribution], opts: Options) -> List[Tuple[str, bytes]]:
    """The entries of a ZIP export, the XML first. UI: Export<id>.xml and <questionUid>/<fileUid>_<name>;
    web service: result.xml and <contribution id>/Uploaded Files/<name> (EUSURVEY-XML.md 1.1, 1.2, 5)."""
    xml = build_export(contributions, opts).encode("utf-8")
    entries = [("Export%s.xml" % EXPORT_ID if opts.zip == "ui" else "result.xml", xml)]
    for c in contributions:
        for name, data in uploads_of(c):
            if opts.zip == "ui":
                file_uid = make_uid("file:%s:%s" % (c.meta.get("id", c.name), name))
                entries.append(("%s/%s_%s" % (element_uid(UPLOAD_QUESTION.bid), file_uid, name), data))
            else:
                entries.append(("%s/Uploaded Files/%s" % (c.meta.get("id", c.name), name), data))
    return entries


def export_bytes(contributions: List[Contribution], opts: Options) -> bytes:
    """The file to write: the XML, or with opts.zip the ZIP (fixed timestamps, so deterministic)."""
    if not opts.zip:
        return build_export(contributions, opts).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in zip_entries(contributions, opts):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def write_export(path: str, contributions: List[Contribution], opts: Options) -> None:
    data = export_bytes(contributions, opts)
    if path == "-":
        sys.stdout.buffer.write(data)
    else:
        with open(path, "wb") as f:
            f.write(data)


def list_uids() -> str:
    lines = ["survey\t%s" % SURVEY_UID]
    lines += ["%s\t%s\t%s" % (bid, element_uid(bid), title) for bid, title in all_bids()]
    lines += ["answerset:%s\t%s" % (name, make_uid("answerset:" + name)) for name in BUILTIN]
    return "\n".join(lines) + "\n"


def main(argv: Optional[Sequence[str]] = None) -> int:
    p = argparse.ArgumentParser(
        prog="make_s3_export.py",
        description=__doc__.split("\n\n")[0],
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")
    p.add_argument("--contribution", action="append", choices=sorted(BUILTIN) + ["none"],
                   help="built-in contribution to write, repeatable (default: seed); 'none' writes none")
    p.add_argument("--synthetic", type=int, default=0, metavar="N",
                   help="also write N generated contributions (benchmark corpora)")
    p.add_argument("--random-seed", type=int, default=1, help="seed of the --synthetic generator (default 1)")
    p.add_argument("--no-bid", action="store_true",
                   help='omit bid attributes (an export without "Show assigned values")')
    p.add_argument("--no-type", action="store_true", help="omit type attributes (like 2019-2020 exports)")
    p.add_argument("--no-dependencies", action="store_true", help="omit dependentElements attributes")
    p.add_argument("--pretty", action="store_true",
                   help="indent by two spaces (default: EUSurvey's real output, everything on one line)")
    p.add_argument("--lang", action="append", metavar="XX",
                   help="write an Elements block for this language (EN, FR), repeatable; "
                        "default: EN plus the languages of the written contributions")
    p.add_argument("--meta", default=",".join(META_ORDER),
                   help="AnswerSet attributes to write, comma-separated, from %s (default: all; list is always "
                        "written)" % ",".join(META_ORDER))
    p.add_argument("--created", default=DEFAULT_EXPORT_CREATE, help="Results/@create (yyyy-MM-dd_HH-mm-ss)")
    v = p.add_argument_group("variants of real exports (design/EUSURVEY-XML.md section 5); AnswerSets without "
                             "lang: --meta id,create,last,list,user,invitation")
    v.add_argument("--block-order", metavar="XX,YY",
                   help="the Elements blocks in this order, e.g. FR,EN (the same as --lang FR --lang EN)")
    v.add_argument("--sub-section", action="store_true",
                   help="a sub-section marker (III.1) inside the confidential section III, after sa_progress, "
                        "followed by a question the profile does not know (sa_confidential_notes)")
    v.add_argument("--answers-blocks", type=int, default=1, metavar="N",
                   help="split the contributions over N <Answers> blocks (default 1)")
    v.add_argument("--anonymous", action="store_true",
                   help='an anonymous survey: id="Anonymous" and user="Anonymous" on every AnswerSet')
    v.add_argument("--path-b", action="store_true",
                   help="a reporting-database (path B) export: table cells escaped twice (R&amp;amp;D on disk), "
                        "one upload Answer per file")
    v.add_argument("--delphi", action="store_true",
                   help="a Delphi export: Explanation and Discussion elements on some answers; a contribution "
                        "whose user is an e-mail address (seed, secret) repeats it in a public explanation")
    v.add_argument("--unknown-aid", action="store_true",
                   help="the first contribution's reporting_period answer has an aid that no option defines")
    v.add_argument("--uploads", action="store_true",
                   help="a File Upload question in section I, answered by every contribution with regions.xml "
                        "and earlier-report.xml")
    v.add_argument("--zip", choices=["ui", "ws"],
                   help="write a ZIP with the uploads (implies --uploads): ui = Export<id>.xml + "
                        "<questionUid>/<fileUid>_<name>; ws = result.xml + <id>/Uploaded Files/<name>")
    p.add_argument("--list-uids", action="store_true", help="print bid, uid and EN title of every element and exit")
    args = p.parse_args(argv)

    if args.list_uids:
        sys.stdout.write(list_uids())
        return 0
    meta = [m.strip() for m in args.meta.split(",") if m.strip()]
    unknown = [m for m in meta if m not in META_ORDER]
    if unknown:
        p.error("unknown --meta attribute(s): %s" % ", ".join(unknown))
    if "list" not in meta:
        meta.append("list")
    if args.synthetic < 0:
        p.error("--synthetic must be >= 0")
    names = args.contribution or ["seed"]
    contributions = [BUILTIN[n]() for n in names if n != "none"]
    contributions += synthetic_contributions(args.synthetic, args.random_seed)
    if args.answers_blocks < 1:
        p.error("--answers-blocks must be >= 1")
    langs = [l.upper() for l in args.lang] if args.lang else None
    if args.block_order:
        langs = [l.strip().upper() for l in args.block_order.split(",") if l.strip()]
    opts = Options(with_bid=not args.no_bid, with_type=not args.no_type,
                   with_dependencies=not args.no_dependencies, pretty=args.pretty, langs=langs, meta=meta,
                   created=args.created, sub_section=args.sub_section, answers_blocks=args.answers_blocks,
                   anonymous=args.anonymous, path_b=args.path_b, delphi=args.delphi, unknown_aid=args.unknown_aid,
                   uploads=args.uploads or bool(args.zip), zip=args.zip)
    write_export(args.output, contributions, opts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
