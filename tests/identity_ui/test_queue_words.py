"""The review queue names each top candidate's match in words, as the item page does; the bits and the
probability stay in the tooltip."""

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
