"""Views of the shared kits: the catalogue, a kit and its calendar, a booking and its
answers, the MD's circulation dashboard, each with its named handlers."""
