"""Déclaration d'accessibilité: the level reached and how it is checked."""

import streamlit as st

from components import navigation

navigation.leave_legacy_pages_mode()
st.title("Déclaration d'accessibilité")
st.markdown("""
Coop'MD vise la conformité au **niveau AA des WCAG 2.1** (référence du RGAA 4.1).

**État de conformité : partiellement conforme.** Chaque page est vérifiée automatiquement, à
chaque modification, avec [axe-core](https://github.com/dequelabs/axe-core) dans Chromium
(règles WCAG 2.1 A et AA), pour une personne non connectée, un membre et un organisateur,
sur les données de démonstration : aucune anomalie *grave* ou *critique* n'est acceptée.
Un contrôle automatique ne couvre qu'une partie des critères ; un audit manuel complet
reste à faire.

**Ce qui est fait**

- la langue de la page est le français ;
- chaque champ de saisie a une étiquette visible, chaque message d'erreur est écrit en
  toutes lettres sous le champ concerné ;
- les titres se suivent dans l'ordre (un titre de page, puis des sous-titres) ;
- chaque graphique est accompagné d'une phrase qui en donne les chiffres, lue aussi par les
  lecteurs d'écran ; les images ont un texte de remplacement ;
- les couleurs du thème respectent un contraste d'au moins 4,5:1 pour le texte ;
- tout se fait au clavier (composants standard de Streamlit).

**Limites connues**

- quelques textes des composants de Streamlit restent en anglais, faute d'option pour les
  traduire : la zone de dépôt de fichier (« Drag and drop file here », « Browse files »,
  « Limit 30MB per file »), la barre d'outils des tableaux (« Search », « Download as
  CSV », « Fullscreen ») et de leurs graphiques, les noms des jours et des mois du
  calendrier de choix de date, « Press Enter to apply » sous certains champs, et les
  messages de connexion perdue (« Connecting… ») ; tout ce que Streamlit permet de
  régler l'est (formulaires sans « Press Enter to submit form », dates au format
  JJ/MM/AAAA, choix vides « Tous » ou « — ») ;
- le lecteur PDF intégré et les graphiques interactifs ne sont pas entièrement
  utilisables au lecteur d'écran : leurs informations sont données en texte à côté.

**Signaler un problème** : écrivez à l'administrateur de votre espace Coop'MD ; nous
répondons sous 15 jours. Si la réponse ne vous convient pas, vous pouvez saisir le
[Défenseur des droits](https://formulaire.defenseurdesdroits.fr/).
""")
