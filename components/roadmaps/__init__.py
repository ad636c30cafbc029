"""Views of the feuilles de route: reading them (`view`) and writing them (`form`)."""
