"""Pages of a list: every list page shows PAGE_SIZE rows and reads the page number from `?page=`."""

from django.core.paginator import Page, Paginator

PAGE_SIZE = 50


def page_of(request, rows, *, size: int = PAGE_SIZE) -> Page:
    """The page `?page=` names (the last one when past the end, the first when not a number)."""
    return Paginator(rows, size).get_page(request.GET.get("page"))
