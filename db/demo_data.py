"""Demo content drawn from the seeds (shared/seeds): people, the 1 July 2025 day, pitches,
forum contributions and resources. Pure data; `db.demo` loads it."""

from datetime import date, time

MD_PAGE = ("https://auvergnerhonealpes-livre-lecture.org/bibliotheques/cooperation/"
           "mediatheques-departementales")
FORUM_PAGE = ("https://auvergnerhonealpes-livre-lecture.org/articles/"
              "inclusion-numerique-en-bibliotheque-participez-au-forum-contributif-public")

# username, display name, department, role, job title
PEOPLE = [
    ("claire.besson", "Claire Besson", "42", "organiser", "Directrice"),
    ("julien.faure", "Julien Faure", "42", "organiser", "Coordinateur des référents de territoire"),
    ("amandine.roux", "Amandine Roux", "42", "member", "Référente de territoire"),
    ("mathieu.girard", "Mathieu Girard", "42", "member", "Référent de territoire"),
    ("sophie.chambon", "Sophie Chambon", "07", "member", "Directrice"),
    ("lucas.vernet", "Lucas Vernet", "07", "member", "Référent de territoire"),
    ("elodie.marcon", "Élodie Marcon", "07", "member", "Référente de territoire"),
    ("nathalie.reynaud", "Nathalie Reynaud", "26", "member", "Directrice adjointe"),
    ("thomas.brun", "Thomas Brun", "26", "member", "Référent de territoire"),
    ("ines.garnier", "Inès Garnier", "26", "member", "Chargée de formation"),
    ("pierre.laurent", "Pierre Laurent", "43", "member", "Directeur"),
    ("camille.bonnet", "Camille Bonnet", "43", "member", "Référente de territoire"),
    ("helene.mathieu", "Hélène Mathieu", "01", "member", "Directrice"),
    ("antoine.morel", "Antoine Morel", "01", "member", "Référent de territoire"),
    ("lea.fontaine", "Léa Fontaine", "03", "member", "Référente de territoire"),
    ("bruno.chevalier", "Bruno Chevalier", "15", "member", "Directeur"),
    ("aurelie.blanc", "Aurélie Blanc", "38", "member", "Référente de territoire"),
    ("david.perrin", "David Perrin", "38", "member", "Médiateur numérique"),
    ("sandrine.guerin", "Sandrine Guérin", "63", "member", "Directrice"),
    ("karim.benali", "Karim Benali", "63", "member", "Référent de territoire"),
    ("marion.lefevre", "Marion Lefèvre", "69", "member", "Coordinatrice de réseau"),
    ("olivier.dumas", "Olivier Dumas", "69", "member", "Référent de territoire"),
    ("cecile.arnaud", "Cécile Arnaud", "73", "member", "Référente de territoire"),
    ("francois.michel", "François Michel", "74", "member", "Directeur"),
    ("laura.simon", "Laura Simon", "74", "member", "Référente de territoire"),
    ("yann.leroy", "Yann Leroy", "26", "contributor", "Médiateur numérique, espace France services"),
    ("martine.colin", "Martine Colin", "07", "contributor", "Élue à la culture"),
    ("samia.haddad", "Samia Haddad", "69", "contributor", "Association d'aide aux démarches en ligne"),
    ("gerard.petit", "Gérard Petit", "42", "contributor", "Bibliothécaire bénévole"),
    ("nina.rousseau", "Nina Rousseau", "38", "contributor", "Usagère"),
]

# working group slug → (coordinators, members)
MEMBERSHIPS = {
    "inclusion-numerique": (["nathalie.reynaud"], ["thomas.brun", "ines.garnier",
                                                   "david.perrin", "karim.benali",
                                                   "amandine.roux", "lea.fontaine"]),
    "diagnostic-culturel-territorial": (["claire.besson"], ["sophie.chambon",
                                                            "pierre.laurent", "aurelie.blanc",
                                                            "mathieu.girard"]),
    "maillage-territorial": (["julien.faure"], ["marion.lefevre", "lucas.vernet",
                                                "cecile.arnaud", "laura.simon",
                                                "antoine.morel"]),
}
# username → (territory, expertise)
PROFILES = {
    "thomas.brun": ("Drôme provençale (Nyons, Buis-les-Baronnies)",
                    "inclusion numérique, bibliothèques rurales"),
    "nathalie.reynaud": ("Drôme", "formation des bénévoles, numérique"),
    "amandine.roux": ("Roannais", "diagnostic territorial, conventions"),
    "mathieu.girard": ("Forez", "EAC, lecture jeunesse"),
    "lucas.vernet": ("Nord Ardèche", "mise en réseau, navettes"),
    "elodie.marcon": ("Sud Ardèche", "accueil des publics empêchés"),
    "david.perrin": ("Isère", "médiation numérique, démarches en ligne"),
    "marion.lefevre": ("Monts du Lyonnais", "coordination de réseau, poldoc"),
}

REGIONAL_DAY = {
    "title": "Journée régionale des bibliothécaires référents de territoire",
    "description": (
        "L'objectif de la journée est de permettre aux référents de territoire des médiathèques "
        "départementales d'Auvergne-Rhône-Alpes de partager des expériences, afin de renforcer "
        "leur posture professionnelle dans la pratique de l'ingénierie culturelle.\n\n"
        "La journée favorisera l'interconnaissance entre les différents participants et leur "
        "permettra de se nourrir par des apports théoriques et par des ateliers pratiques. "
        "Chaque MD est libre de créer une cohorte de collègues référents.\n\n"
        "*Réservée aux personnels des médiathèques départementales d'Auvergne-Rhône-Alpes.*"),
    "day": date(2025, 7, 1), "starts_at": time(9, 30), "ends_at": time(17, 0),
    "place": "Médiathèque départementale de la Loire", "host_department_code": "42",
    "audience": "md_staff", "status": "closed",
}
# starts, ends, kind, title, description
REGIONAL_PROGRAMME = [
    (time(9, 30), time(10, 0), "accueil", "Accueil", None),
    (time(10, 0), time(11, 15), "pleniere", "Introduction", None),
    (time(11, 15), time(11, 30), "pause", "Pause", None),
    (time(11, 30), time(12, 15), "pitchs", "Pitchs des projets à partager",
     "- Conventions départementales, par la MD d'Ardèche\n- Diagnostics de territoire, par la "
     "MD de la Loire\n- Conception série de formations à la carte, par la MD de la Drôme"),
    (time(12, 15), time(13, 30), "dejeuner", "Déjeuner", None),
    (time(13, 30), time(14, 30), "pleniere", "Échanges suite aux pitchs", None),
    (time(14, 30), time(14, 45), "pause", "Pause", None),
    (time(14, 45), time(16, 15), "ateliers", "Atelier au choix", None),
    (time(16, 30), time(17, 0), "conclusion", "Conclusion et suites à donner",
     "Suivie d'un pot à partager à 17 h."),
]
# title, host department, facilitator, room, capacity
REGIONAL_ATELIERS = [
    ("Réaménagement de bibliothèque – Dreami", "43", "MD de la Haute-Loire", "Salle A", 12),
    ("Design de service – Idelolab", "42", "MD de la Loire", "Salle B", 12),
    ("Poldoc partagée", "42", "MD de la Loire", "Salle C", 10),
    ("Guide visite", "01", "MD de l'Ain", "Salle D", 10),
]

TARN_ET_GARONNE = {
    "title": "Développer une offre numérique dans les réseaux et les bibliothèques de "
             "Tarn-et-Garonne",
    "axis": "Axe 1 : développer une offre numérique",
    "carrier": "Conseil départemental de Tarn-et-Garonne, direction de la Médiathèque "
               "départementale",
    "contact_name": "Nadine Toustou",
    "contact_role": "Directrice de la Médiathèque départementale",
    "contact_email": "nadine.toustou@ledepartement82.fr",
    "summary": "Consolider et élargir l'offre de ressources numériques des bibliothèques du "
               "département, prêter des liseuses et des tablettes, et accompagner les équipes "
               "en médiation numérique, dans le cadre du Contrat départemental lecture "
               "2023-2025.",
    "strategy": (
        "- la consolidation d'une offre numérique pour l'ensemble des bibliothèques en réseau ;\n"
        "- l'élargissement des ressources numériques à l'ensemble des bibliothèques (y compris "
        "hors réseau) proposant un accès internet à leurs usagers ;\n"
        "- la mise à disposition de tablettes tactiles et de matériels d'animation ;\n"
        "- l'accompagnement des bibliothèques en médiation numérique (formations, conseils, "
        "sélections sur le portail, lettre d'information) ;\n"
        "- l'évaluation (enquêtes de satisfaction, statistiques annuelles, bilan)."),
    "stakes": (
        "- Lutter contre le fossé numérique et favoriser l'accès aux ressources au plus grand "
        "nombre, notamment les publics empêchés et les jeunes publics.\n"
        "- Conforter la Médiathèque départementale comme centre de ressources numériques.\n"
        "- Proposer des actions de formation et de médiation auprès des bibliothèques.\n"
        "- Renforcer l'attractivité des bibliothèques et séduire de nouveaux publics."),
    "actions": (
        "- Poursuivre l'offre de ressources numériques : vidéo à la demande, presse, "
        "autoformation, lecture jeunesse.\n"
        "- Dans le cadre du prêt numérique en bibliothèque (PNB), prêter des liseuses.\n"
        "- Compléter l'offre avec la ressource de musique en ligne MusicMe.\n"
        "- Acheter 10 tablettes tactiles en 2023 et réaliser des mallettes à histoires "
        "numériques ; confectionner deux malles de création numérique (Makey Makey, "
        "Touch Board…)."),
    "scope": "Les bibliothèques de Tarn-et-Garonne, dans et hors réseaux de lecture publique, "
             "ayant répondu à l'appel à projets et offrant un accès internet à leurs usagers. "
             "L'animation numérique est proposée à toutes les bibliothèques du département.",
    "technical_notes": "Ressources disponibles via le portail de la Médiathèque, sur place et "
                       "à distance, pour les usagers inscrits dans une bibliothèque participante.",
    "human_means": "**Comité de pilotage** : un élu désigné par le Président du Conseil "
                   "départemental, le Conseiller livre et lecture de la DRAC, la DGA du pôle "
                   "Savoirs et animation des territoires, la directrice de la Médiathèque.\n\n"
                   "**Comité technique** : le groupe numérique de la Médiathèque départementale.",
    "material_means": "Budget prévisionnel renforcé pour les ressources numériques en 2023.",
    "budget_eur": 35000,
    "valorisation": "Portail et newsletter de la Médiathèque, page Facebook du Conseil "
                    "départemental, TGMag, plaquette de communication ; formation des "
                    "bibliothèques aux ressources numériques (PNB, MusicMe) et au prêt de "
                    "liseuses.",
    "start_date": date(2023, 10, 1), "end_date": date(2024, 12, 31),
    "status": "termine", "department_code": "82", "tags": "numérique, PNB, liseuses, CTL",
}
TARN_ET_GARONNE_FUNDERS = [("État (DRAC)", 17500), ("Département de Tarn-et-Garonne", 17500)]

# owner username, title, department, group slug, status, summary
DAY_PITCHES = [
    ("sophie.chambon", "Conventions départementales", "07", "maillage-territorial", "en_cours",
     "Refonte des conventions entre le Département et les communes : niveaux de service, "
     "engagements réciproques et accompagnement de la MD selon le niveau de la bibliothèque."),
    ("amandine.roux", "Diagnostics de territoire", "42", "diagnostic-culturel-territorial",
     "en_cours", "Une méthode partagée de diagnostic culturel par bassin de vie, menée par les "
     "référents de territoire avec les élus et les équipes des bibliothèques."),
    ("ines.garnier", "Conception série de formations à la carte", "26", None, "preparation",
     "Un catalogue de modules courts que chaque réseau compose selon ses besoins, animés par "
     "les référents de territoire au plus près des équipes bénévoles et salariées."),
]

# theme position, author, kind, title, body
FORUM_POSTS = [
    (1, "david.perrin", "retour_experience", "Des permanences d'aide aux démarches en médiathèque",
     "Depuis deux ans, trois bibliothèques du réseau accueillent une permanence hebdomadaire "
     "avec un conseiller numérique. **Ce qui marche** : un créneau fixe, un lieu calme, des "
     "bénévoles formés pour l'accueil."),
    (1, "martine.colin", "point_vigilance", "Ne pas devenir un guichet administratif",
     "La bibliothèque peut accompagner, mais elle ne doit pas se substituer aux services "
     "publics qui ferment leurs guichets. Il faut une convention claire avec France services."),
    (1, "helene.mathieu", "proposition", "Une feuille de route commune par département",
     "Proposition : que chaque MD formalise dans son schéma de lecture publique un volet "
     "inclusion numérique, avec des objectifs partagés avec les communes."),
    (2, "samia.haddad", "retour_experience", "Aller vers les publics éloignés",
     "Notre association intervient dans les bibliothèques rurales avec un bus numérique. Les "
     "personnes viennent plus facilement pour un atelier *photo sur smartphone* que pour "
     "une « formation au numérique »."),
    (2, "karim.benali", "question", "Quels outils pour diagnostiquer les besoins ?",
     "Comment faites-vous pour repérer les besoins des habitants avant de monter des ateliers ? "
     "Questionnaire, entretiens, données de la CAF ?"),
    (3, "ines.garnier", "proposition", "Un parcours de formation partagé MD / médiateurs",
     "Construire avec les conseillers numériques un parcours commun : les bibliothécaires "
     "apportent l'accueil et la médiation culturelle, les médiateurs l'expertise des "
     "démarches."),
    (3, "yann.leroy", "point_vigilance", "Le temps de formation des bénévoles",
     "Beaucoup de bibliothèques rurales reposent sur des bénévoles : les formations doivent "
     "être courtes, proches et répétées."),
]
# (index of the post answered, author, body)
FORUM_REPLIES = [
    (4, "aurelie.blanc", "En Isère nous croisons le questionnaire des bibliothèques avec les "
                         "données de l'Observatoire de l'inclusion numérique."),
    (0, "nina.rousseau", "J'y suis allée pour ma déclaration d'impôts : accueil très patient, "
                         "merci !"),
]

# title, kind, description, group slug, department, year, url, tags
# collection name → titles of the resources filed in it
COLLECTIONS = {
    "Journée interprofessionnelle Ardèche 2021": [
        "Journée interprofessionnelle de l'Ardèche : retour et ressources"],
    "Journée régionale du 1er juillet 2025": [
        "Journée régionale des référents de territoire : compte rendu",
        "Guide de visite d'une bibliothèque du réseau"],
}
RESOURCES = [
    ("Bibliothèques et handicaps (guide pratique 2010)", "guide",
     "Guide pratique réalisé par le groupe de travail des directrices et directeurs des MD.",
     None, None, 2010, MD_PAGE, "accessibilité, handicap"),
    ("Journée interprofessionnelle de l'Ardèche : retour et ressources", "compte_rendu",
     "Retour sur la journée de novembre 2021 : EAC et lecture publique, ressources produites.",
     None, "07", 2021, MD_PAGE, "EAC, interconnaissance"),
    ("Fiches d'animation clé en main : numérique créatif", "fiche_animation",
     "Ateliers Makey Makey, tablettes et histoires numériques, prêts à animer en bibliothèque.",
     "inclusion-numerique", "82", 2023, MD_PAGE, "numérique, animation"),
    ("Méthode de diagnostic culturel territorial", "methode",
     "Étapes, grilles d'entretien et indicateurs pour diagnostiquer un bassin de vie.",
     "diagnostic-culturel-territorial", "42", 2024, MD_PAGE, "diagnostic, méthode"),
    ("Pourquoi constituer un réseau de bibliothèques ?", "methode",
     "Objectifs de la mise en réseau : mutualiser, enrichir l'offre, faire circuler les "
     "documents et les expériences.",
     "maillage-territorial", None, 2022, MD_PAGE, "réseau, mutualisation"),
    ("Le rôle du coordinateur ou de la coordinatrice de réseau", "methode",
     "Circulation des documents, animation culturelle, interface entre la MD et le réseau.",
     "maillage-territorial", None, 2022, MD_PAGE, "réseau, coordination"),
    ("Forum contributif inclusion numérique en bibliothèque", "lien",
     "Présentation du forum ouvert par le ministère de la Culture et l'Agence du numérique.",
     "inclusion-numerique", None, 2019, FORUM_PAGE, "inclusion numérique"),
    ("Journée régionale des référents de territoire : compte rendu", "compte_rendu",
     "Synthèse des pitchs et des quatre ateliers du 1er juillet 2025.",
     None, "42", 2025, MD_PAGE, "référents, journée régionale"),
    ("Accueillir les usagers pour leurs démarches en ligne", "support_formation",
     "Support de formation d'une demi-journée pour les équipes bénévoles et salariées.",
     "inclusion-numerique", "26", 2024, FORUM_PAGE, "formation, démarches"),
    ("Poldoc partagée : trame de politique documentaire", "methode",
     "Trame commune de politique documentaire pour un réseau de bibliothèques.",
     "maillage-territorial", "42", 2025, MD_PAGE, "politique documentaire"),
    ("Guide de visite d'une bibliothèque du réseau", "guide",
     "Grille d'observation pour les visites de bibliothèques par les référents.",
     None, "01", 2025, MD_PAGE, "référents, visite"),
    ("Lettre d'information professionnelle des MD", "autre",
     "Modèle de lettre d'information à destination des bibliothèques du département.",
     None, "82", 2023, MD_PAGE, "communication"),
]

# the inclusion numérique group's roadmap: (forum theme, title, owner username or MD code,
# horizon, status, progress, the titles of the forum propositions it comes from)
ROADMAP = [
    (1, "Un volet inclusion numérique dans chaque schéma de lecture publique", "26",
     "2026-T4", "en_cours", 40, ["Une feuille de route commune par département"]),
    (3, "Parcours de formation commun MD / conseillers numériques", "ines.garnier",
     "2027-T1", "a_lancer", 0, ["Un parcours de formation partagé MD / médiateurs"]),
    (2, "Grille de diagnostic des besoins numériques des habitants", "thomas.brun", "2026",
     "realisee", 100, []),
]


# the MDs' travelling kits (seeds 002 and 003): (MD, title, kind, description, contents,
# units, buffer days, validated by the MD)
KITS = [
    ("42", "Malle de création numérique n° 1", "malle_numerique",
     "Pour des ateliers de **création numérique** : circuits, sons, objets qui réagissent "
     "au toucher. Fiches d'animation fournies.",
     "2 makey makey\n1 touchboard\n4 tablettes\n1 guide d'animation", 1, 3, True),
    ("42", "Malle de création numérique n° 2", "malle_numerique",
     "La jumelle de la n° 1, avec des robots programmables en plus.",
     "2 makey makey\n2 robots programmables\n4 tablettes", 1, 3, True),
    ("42", "Tablettes tactiles (2 lots de 5)", "tablettes",
     "Dix tablettes tactiles, prêtées par lots de cinq, avec des applications de lecture "
     "et de création sélectionnées.", "5 tablettes tactiles\n5 housses\n1 chargeur multiple",
     2, 2, False),
    ("42", "Mallette à histoires numériques", "valise_thematique",
     "Albums numériques et applications de lecture pour les tout-petits.",
     "2 tablettes\n1 enceinte\n10 albums", 1, 2, False),
    ("26", "Liseuses (lot de 8)", "liseuses",
     "Huit liseuses chargées d'une sélection de romans et de documentaires.",
     "8 liseuses\n8 housses\n1 guide de prise en main", 1, 2, True),
    ("26", "Exposition « Le numérique au quotidien »", "exposition",
     "Douze panneaux autoportants sur les démarches en ligne et la sécurité numérique.",
     "12 panneaux\n1 livret de visite", 1, 5, True),
]

# bookings of the demo kits: (kit title, borrower, library, commune, from, to — in days
# from today —, status)
KIT_BOOKINGS = [
    ("Malle de création numérique n° 1", "amandine.roux", "Médiathèque de Feurs", "Feurs",
     12, 26, "demandee"),
    ("Malle de création numérique n° 1", "mathieu.girard", "Médiathèque de Montbrison",
     "Montbrison", 35, 48, "acceptee"),
    ("Tablettes tactiles (2 lots de 5)", "mathieu.girard", "Bibliothèque de Boën",
     "Boën-sur-Lignon", -20, -3, "partie"),
    ("Mallette à histoires numériques", "amandine.roux", "Médiathèque de Roanne", "Roanne",
     -60, -45, "rendue"),
]
