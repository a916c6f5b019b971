"""The read-only JSON API at /api/ (Django REST framework + drf-spectacular).

Published records only, through the same named querysets and FilterSets as the HTML lists,
so `/api/locations/?…` answers exactly what `/locations/?…` lists. Serializers name every
field they expose: a private contact, a draft or a private property's photo cannot leak
through a new model field.
"""
