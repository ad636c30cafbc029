"""A resource as people see it (`view`) and its add/edit form (`form`).
"""
