"""The catalog's field types: every connector maps its CRM's own field types onto these."""

from django.db import models


class FieldType(models.TextChoices):
    STRING = "string", "String"
    TEXT = "text", "Long text"
    NUMBER = "number", "Number"
    INTEGER = "integer", "Integer"
    BOOLEAN = "boolean", "Boolean"
    DATE = "date", "Date"
    DATETIME = "datetime", "Date and time"
    PICKLIST = "picklist", "Picklist"
    MULTIPICKLIST = "multipicklist", "Multi-select picklist"
    REFERENCE = "reference", "Reference"
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    URL = "url", "URL"
