"""Reference data: the 101 French departments, the working groups, the forum themes

Inserted only where missing, so running it on a database that already holds some of these
rows (or edited them) keeps what is there.

Revision ID: 0003
Revises: 0002
"""

from datetime import date, datetime

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

AURA = "Auvergne-Rhône-Alpes"
REGIONS = {
    AURA: "01 Ain|03 Allier|07 Ardèche|15 Cantal|26 Drôme|38 Isère|42 Loire|43 Haute-Loire|"
          "63 Puy-de-Dôme|69 Rhône|73 Savoie|74 Haute-Savoie",
    "Bourgogne-Franche-Comté": "21 Côte-d'Or|25 Doubs|39 Jura|58 Nièvre|70 Haute-Saône|"
                               "71 Saône-et-Loire|89 Yonne|90 Territoire de Belfort",
    "Bretagne": "22 Côtes-d'Armor|29 Finistère|35 Ille-et-Vilaine|56 Morbihan",
    "Centre-Val de Loire": "18 Cher|28 Eure-et-Loir|36 Indre|37 Indre-et-Loire|"
                           "41 Loir-et-Cher|45 Loiret",
    "Corse": "2A Corse-du-Sud|2B Haute-Corse",
    "Grand Est": "08 Ardennes|10 Aube|51 Marne|52 Haute-Marne|54 Meurthe-et-Moselle|55 Meuse|"
                 "57 Moselle|67 Bas-Rhin|68 Haut-Rhin|88 Vosges",
    "Hauts-de-France": "02 Aisne|59 Nord|60 Oise|62 Pas-de-Calais|80 Somme",
    "Île-de-France": "75 Paris|77 Seine-et-Marne|78 Yvelines|91 Essonne|92 Hauts-de-Seine|"
                     "93 Seine-Saint-Denis|94 Val-de-Marne|95 Val-d'Oise",
    "Normandie": "14 Calvados|27 Eure|50 Manche|61 Orne|76 Seine-Maritime",
    "Nouvelle-Aquitaine": "16 Charente|17 Charente-Maritime|19 Corrèze|23 Creuse|24 Dordogne|"
                          "33 Gironde|40 Landes|47 Lot-et-Garonne|64 Pyrénées-Atlantiques|"
                          "79 Deux-Sèvres|86 Vienne|87 Haute-Vienne",
    "Occitanie": "09 Ariège|11 Aude|12 Aveyron|30 Gard|31 Haute-Garonne|32 Gers|34 Hérault|"
                 "46 Lot|48 Lozère|65 Hautes-Pyrénées|66 Pyrénées-Orientales|81 Tarn|"
                 "82 Tarn-et-Garonne",
    "Pays de la Loire": "44 Loire-Atlantique|49 Maine-et-Loire|53 Mayenne|72 Sarthe|85 Vendée",
    "Provence-Alpes-Côte d'Azur": "04 Alpes-de-Haute-Provence|05 Hautes-Alpes|"
                                  "06 Alpes-Maritimes|13 Bouches-du-Rhône|83 Var|84 Vaucluse",
    "Guadeloupe": "971 Guadeloupe",
    "Martinique": "972 Martinique",
    "Guyane": "973 Guyane",
    "La Réunion": "974 La Réunion",
    "Mayotte": "976 Mayotte",
}
# "de l'Ain", "du Cantal", "de la Drôme": the article each AURA department takes.
AURA_MD = {
    "01": "de l'Ain", "03": "de l'Allier", "07": "de l'Ardèche", "15": "du Cantal",
    "26": "de la Drôme", "38": "de l'Isère", "42": "de la Loire", "43": "de la Haute-Loire",
    "63": "du Puy-de-Dôme", "69": "du Rhône", "73": "de la Savoie", "74": "de la Haute-Savoie",
}

GROUPS = [
    ("diagnostic-culturel-territorial", "Réaliser un diagnostic culturel territorial",
     ("Groupe thématique initié en 2022 par l'Agence avec la DRAC et les médiathèques "
      "départementales : méthodes et outils pour réaliser un diagnostic culturel du territoire.")),
    ("inclusion-numerique", "Inclusion numérique",
     ("Groupe thématique initié en 2022 : le rôle des bibliothèques dans l'inclusion numérique, "
      "les publics, la formation des équipes et la médiation numérique.")),
    ("maillage-territorial", "Maillage territorial et mise en réseau",
     ("Groupe thématique initié en 2022 : mise en réseau des bibliothèques, coordination, "
      "circulation des documents et mutualisation des moyens.")),
]

THEMES = [
    ("Rôle et missions des bibliothèques en matière d'inclusion numérique",
     ("La définition du rôle et des missions des bibliothèques en matière d'inclusion "
      "numérique : d'un positionnement hétérogène des établissements à une feuille de route "
      "commune ? (réunion thématique de mai 2019)")),
    ("Identifier et contacter les publics cibles",
     ("L'identification et le contact avec les publics cibles : du diagnostic des besoins à "
      "l'orientation ou l'accompagnement (réunion thématique de juillet 2019).")),
    ("Formation et professionnalisation des acteurs",
     ("La formation et la professionnalisation des acteurs de l'inclusion numérique en "
      "bibliothèque : une complémentarité entre les professionnels de la filière bibliothèque "
      "et les médiateurs numériques (réunion thématique de septembre 2019).")),
]


def department_rows() -> list[dict]:
    rows = []
    for region, names in REGIONS.items():
        for item in names.split("|"):
            code, name = item.split(" ", 1)
            md = f"Médiathèque départementale {AURA_MD[code]}" if code in AURA_MD else None
            rows.append({"code": code, "name": name, "region": region, "md_name": md})
    return rows


def _insert_missing(table: sa.Table, rows: list[dict], key: str) -> None:
    bind = op.get_bind()
    present = set(bind.execute(sa.select(table.c[key])).scalars())
    missing = [row for row in rows if row[key] not in present]
    if missing:
        bind.execute(table.insert(), missing)


def upgrade() -> None:
    meta = sa.MetaData()
    departments = sa.Table("departments", meta, autoload_with=op.get_bind())
    groups = sa.Table("working_groups", meta, autoload_with=op.get_bind())
    themes = sa.Table("forum_themes", meta, autoload_with=op.get_bind())
    created = datetime(2026, 11, 23)
    _insert_missing(departments, department_rows(), "code")
    _insert_missing(groups, [
        {"slug": s, "name": n, "description": d, "status": "active", "moderated": False,
         "created_at": created} for s, n, d in GROUPS], "slug")
    _insert_missing(themes, [
        {"position": i, "title": t, "description": d, "opens_on": date(2019, 5, 13),
         "status": "open", "created_at": created} for i, (t, d) in enumerate(THEMES, 1)], "title")


def downgrade() -> None:
    """Reference rows may be referenced by users' content: they are left in place."""
