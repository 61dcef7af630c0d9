from commonroom.core.pagination import page_numbers


def test_short_runs_show_every_page():
    assert page_numbers(1, 1) == [1]
    assert page_numbers(2, 5) == [1, 2, 3, 4, 5]


def test_long_runs_show_the_ends_and_the_neighbourhood():
    assert page_numbers(1, 20) == [1, 2, 3, None, 20]
    assert page_numbers(10, 20) == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert page_numbers(20, 20) == [1, None, 18, 19, 20]
    assert page_numbers(4, 20) == [1, 2, 3, 4, 5, 6, None, 20]
