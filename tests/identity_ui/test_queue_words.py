"""The review pages speak words: the queue names each top candidate's match in words, as the item page does (the
bits and the probability stay in the tooltip), and the item page names attributes, not stored keys."""

import re

from django.urls import reverse

from crmhub.templatetags.hub import match_strength


def test_the_queue_states_the_top_candidate_match_in_words_with_the_figures_on_hover(
    login, users, ambiguous_item
):
    body = login(users["reviewer"]).get(reverse("identity:queue")).content.decode()
    top = ambiguous_item.candidates[0]
    assert match_strength(top["probability"]) in body
    assert not re.search(r">[^<]*bits · p=", body)  # no figure in the visible text
    assert "bits of evidence, match probability" in body
    assert "<th>Waiting since</th>" in body


def test_the_item_page_names_attributes_in_words_with_the_stored_name_on_hover(login, users, ambiguous_item):
    body = login(users["reviewer"]).get(reverse("identity:item", args=[ambiguous_item.pk])).content.decode()
    assert '<th scope="row" class="keyname" title="last_name">Last name</th>' in body
    assert ">last_name</th>" not in body
