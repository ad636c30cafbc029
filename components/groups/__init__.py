"""A working group's space (`view`) and what its coordinators manage (`admin`).
"""
