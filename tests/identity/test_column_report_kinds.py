"""The batch CLI's account of a file's columns: an organisation's own columns (its LEI, its other names) are
read for organisations, so they are named as read, never among the columns nothing reads."""

from identity_app import csv_io
from identity_app.attributes import EntityKind

HEADER = "Id,Name,BillingCity,LEI__c,Entity.OtherEntityNames.OtherEntityName.1,Company Number,Industry"
ROW = "0015g00000AbCdEAAV,Velmora Capital SA,Luxembourg,529900T8BM49AURSDO55,Velmora Fund SA,B123456,Banking"


def report(kind: str) -> str:
    export = csv_io.MirrorFile([HEADER, ROW], object_name="Account")
    return export.columns_report(kind=kind)


def test_an_organisations_own_columns_are_reported_as_read_for_organisations():
    said = report(EntityKind.ORGANISATION)
    read, _, unread = said.partition("no built-in attribute reads")
    assert "'LEI__c' as its LEI" in read
    assert "'Entity.OtherEntityNames.OtherEntityName.1' as its other names" in read
    assert "'Company Number' as its company number" in read
    for label in ("LEI__c", "OtherEntityName", "Company Number"):
        assert label not in unread
    assert "'Industry'" in unread


def test_for_people_the_same_columns_are_reported_as_unread():
    said = report(EntityKind.PERSON)
    unread = said.partition("no built-in attribute reads")[2]
    assert "'LEI__c'" in unread and "'Company Number'" in unread and "'Industry'" in unread
    assert "as its LEI" not in said
