"""Query strings and paths with odd numbers, on the demo: never a 500."""

import pytest
from django.core.management import CommandError, call_command

from thidua.accounts.models import User

LIST_PAGES = ["/dang-ky/", "/quyet-dinh/", "/bao-cao/chi-tieu/", "/bao-cao/chi-tieu/don-vi/SKHCN/",
              "/bao-cao/chi-tieu/khoi/KHOI-TMTH/", "/don-vi/SKHCN/xep-loai/", "/don-vi/SKHCN/dang-ky-ca-nhan/",
              "/don-vi/SKHCN/xet-khen/", "/ho-so-de-nghi/", "/hoi-dong/", "/khoi/", "/phong-trao/"]


@pytest.mark.parametrize("year", ["²", "٢٠٢٢", "99999999999999999999999", "1800", "-2022", "2022.0"])
def test_list_and_report_pages_take_any_year_text_without_failing(client, demo, year):
    client.force_login(User.objects.get(username="bantdkt"))
    for url in LIST_PAGES:
        response = client.get(url, {"nam": year, "trang": year})
        assert response.status_code < 500, url
        assert response.status_code in (200, 302, 404), url


@pytest.mark.parametrize("path", ["/khoi/KHOI-TMTH/9999999999999999999999/thiet-lap/", "/khoi/KHOI-TMTH/1800/",
                                  "/dang-ky/9999999999999999999999/", "/nhan-su/99999999999999999999/",
                                  "/thong-bao/9223372036854775808/", "/ho-so-de-nghi/0/"])
def test_out_of_range_numbers_in_paths_are_404(client, demo, path):
    client.force_login(User.objects.get(username="admin"))
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("args", [["decision", "list", "--year", "²"], ["decision", "list", "--year", "99999"],
                                  ["report", "targets", "--year", "1800"],
                                  ["registration", "check", "--unit", "SKHCN", "--year", "٢٠٢٢"]])
def test_cli_years_outside_the_window_are_a_one_line_error(demo, args):
    with pytest.raises(CommandError, match="năm không hợp lệ"):
        call_command(*args)


def test_cli_export_of_an_odd_id_says_it_is_not_found(demo, tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("decision", "export", "²", "--format", "docx", "--output", str(tmp_path / "x.docx"))
