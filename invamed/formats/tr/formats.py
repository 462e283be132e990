# Dates as the site writes them in Turkish: "6 Nisan 2024", "6 Nisan 2024 14:30".
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
