"""The forum as people read and write it (`view`).
"""
