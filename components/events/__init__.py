"""Views of regional days: a day as people see it (`view`) and the organisers'
forms for the day, its slots and ateliers (`forms`).
"""
