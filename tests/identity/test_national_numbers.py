"""A number written in a national form by a record without a country ("010-7028-4224", "631 52 28 60"): its
country is a guess, so it orders the review list and decides nothing."""

from identity_app import normalise_phones
from identity_app.attributes import unread_phones
from identity_app.resolver import Resolver
from tests.identity.conftest import link_salesforce_to_pipedrive as link

PHONE_FIELDS = {"phone": ["Phone", "Mobile"], "country": ["Country"]}


def test_only_a_record_without_a_country_leaves_its_national_numbers_unread():
    record = {"Phone": "+82 2-4085-9002", "Mobile": "010-7028-4224"}
    assert unread_phones(record, PHONE_FIELDS) == ["010-7028-4224"]  # the "+" form is read as written
    assert unread_phones({**record, "Country": "South Korea"}, PHONE_FIELDS) == []
    # Read in the flow's default region (a US number) only by a guess: Guadalajara's 33 4362 9258.
    assert unread_phones({"Mobile": "33 4362 9258"}, PHONE_FIELDS) == ["33 4362 9258"]
    assert unread_phones({"Mobile": "0049 170 6009536", "Phone": "n/a"}, PHONE_FIELDS) == []


def test_a_national_number_reads_as_each_country_s_own_number_with_its_trunk_prefix():
    lookups = normalise_phones.national_lookups("010-7028-4224")
    assert "+821070284224" in lookups and "+3901070284224" in lookups  # Korea drops the 0, Italy keeps it
    assert normalise_phones.reads_as("010-7028-4224", "+821070284224")
    assert not normalise_phones.reads_as("010-7028-4224", "+8201070284224")  # Korea's plan drops the trunk 0
    assert not normalise_phones.reads_as("010-7028-4224", "+821070284225")
    # A French and a Dutch 06 mobile share their ten digits: the text reads as either.
    assert normalise_phones.reads_as("06 12 34 56 78", "+33612345678")
    assert normalise_phones.reads_as("06 12 34 56 78", "+31612345678")
    assert "+525585341997" in normalise_phones.national_lookups("55 8534 1997 ext. 520")


CRM_EXPORT = (
    '"ID","FIRSTNAME","LASTNAME","EMAIL","MOBILEPHONE","ACCOUNT.NAME","MAILINGCITY","MAILINGCOUNTRY"\n'
    '"003000000000001AAA","Min-jun","Park","minjunp@redwoodtextiles.co.kr","+82 10-7028-4224",'
    '"Redwood Textiles Co., Ltd.","Seoul","South Korea"\n'
    '"003000000000002AAA","Min-jun","Kang","mkang@bluefin.co.kr","+82 10-5511-2233","Bluefin Co., Ltd.",'
    '"Busan","South Korea"\n'
    '"003000000000003AAA","Sanne","de Vries","sanne.devries@tulpdata.nl","06 12345678","Tulp Data B.V.",'
    '"Utrecht","Netherlands"\n'
)
PIPEDRIVE_HEADER = (
    '"Person - ID","Person - Name","Person - First name","Person - Last name","Person - Phone - Mobile",'
    '"Person - Organization","Person - Postal address - Country"\n'
)


def test_the_record_whose_own_number_a_national_number_is_heads_the_review_list(db, tmp_path):
    """Pak is how Park is often romanised; the mobile in its national form, with no country, is the only
    thing that says which Min-jun this is. It is not read as a key: the record is left for review, with
    the holder first."""
    rows = link(
        tmp_path,
        CRM_EXPORT,
        PIPEDRIVE_HEADER + '"201","Min-jun Pak","Min-jun","Pak","010-7028-4224","",""\n',
    )
    assert rows["201"]["decision"] != "matched"
    assert rows["201"]["candidate_1"].startswith("003000000000001AAA")


def test_the_same_ten_digits_in_another_country_link_nobody(db, tmp_path):
    """A French 06 12 34 56 78 without a country reads as the Dutch record's 06 12345678 too: a reviewer may
    see that record, but no link is made on a guessed country (nor with the country given)."""
    rows = link(
        tmp_path,
        CRM_EXPORT,
        PIPEDRIVE_HEADER + '"301","Sanne Martin","Sanne","Martin","06 12 34 56 78","",""\n'
        '"302","Sanne Martin","Sanne","Martin","06 12 34 56 78","","France"\n',
    )
    assert rows["301"]["decision"] != "matched" and rows["302"]["decision"] != "matched"
    assert rows["301"]["candidate_1"].startswith("003000000000003AAA")
    assert not rows["302"]["candidate_1"].startswith("003000000000003AAA")


def test_the_holders_of_a_batch_s_national_numbers_are_read_in_one_go(db, tmp_path, monkeypatch):
    """Two records left for review whose national numbers are held by records outside their blocks: the
    holders of the whole batch are read once (one read for the blocked candidates, one for the holders),
    not once per record, and each heads its own record's list."""
    reads = []
    scoring_rows = Resolver._scoring_rows

    def counted(self, record_ids):
        reads.append(set(record_ids))
        return scoring_rows(self, record_ids)

    monkeypatch.setattr(Resolver, "_scoring_rows", counted)
    rows = link(
        tmp_path,
        CRM_EXPORT,
        PIPEDRIVE_HEADER + '"401","Jisoo Lee","Jisoo","Lee","010-5511-2233","",""\n'
        '"402","Anna Jansen","Anna","Jansen","06 12345678","",""\n',
    )
    assert rows["401"]["decision"] != "matched" and rows["402"]["decision"] != "matched"
    assert rows["401"]["candidate_1"].startswith("003000000000002AAA")
    assert rows["402"]["candidate_1"].startswith("003000000000003AAA")
    assert len(reads) == 2 and len(reads[-1]) == 2
