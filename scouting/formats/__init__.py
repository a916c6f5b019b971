"""Date formats of our own, per language (FORMAT_MODULE_PATH): tours and stage pages write
dates as "Mon 5 Jan" in English and 1月5日(月) in Japanese. Use them by name in templates,
`{{ day|date:"WEEKDAY_DATE_FORMAT" }}`; every name must be defined for every language."""
