"""A fiche as people read it (`view`) and its editor (`form`).
"""
