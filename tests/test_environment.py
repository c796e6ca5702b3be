"""Rate limits, proxies, the site's address and the OAI namespace come from the environment, parsed
and checked when the settings load: a bad value stops the start-up with a message naming it."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import strategies as st

from config.settings import environment
from config.settings.environment import (
    DURATION_UNITS,
    env_account_rate_limits,
    env_bool,
    env_header_name,
    env_int,
    env_oai_namespace,
    env_rate,
    env_site_url,
    parse_rate,
)

from .test_settings import SITE, run_settings, settings_of

TODAYS_ACCOUNT_LIMITS = {
    "login_failed": "20/15m/ip,5/15m/key",
    "signup": "10/h/ip",
    "reset_password": "5/h/ip,3/h/key",
}


def test_every_rate_limit_defaults_to_todays_value() -> None:
    values = settings_of("config.settings.dev")
    assert values["RATES"] == {
        "API": [120, 60],
        "DOWNLOAD": [60, 3600],
        "SUBMISSION": [10, 3600],
        "SUBMISSION_SAVE": [300, 3600],
        "SUBMISSION_CREATE": [30, 3600],
    }
    assert values["ACCOUNT_RATE_LIMITS"] == TODAYS_ACCOUNT_LIMITS
    assert values["OAI_NAMESPACE"] == ""  # then the host of the site's address


def test_every_rate_limit_the_proxies_and_the_namespace_come_from_the_environment() -> None:
    values = settings_of(
        "config.settings.prod",
        SECRET_KEY="s",
        PRACTICEHUB_SITE_URL=SITE,
        PRACTICEHUB_API_RATE="1000/1m",
        PRACTICEHUB_DOWNLOAD_RATE="10/30s",
        PRACTICEHUB_SUBMISSION_RATE="3/1d",
        PRACTICEHUB_SUBMISSION_SAVE_RATE="50/h",
        PRACTICEHUB_SUBMISSION_CREATE_RATE="2/15m",
        PRACTICEHUB_ACCOUNT_RATE_LOGIN_FAILED="50/15m/ip,3/1h/key",
        PRACTICEHUB_ACCOUNT_RATE_CHANGE_PASSWORD="2/m/user",
        TRUSTED_PROXY_COUNT="2",
        PRACTICEHUB_OAI_NAMESPACE="Practices.Example.org",
    )
    assert values["RATES"] == {
        "API": [1000, 60],
        "DOWNLOAD": [10, 30],
        "SUBMISSION": [3, 86400],
        "SUBMISSION_SAVE": [50, 3600],
        "SUBMISSION_CREATE": [2, 900],
    }
    assert values["ACCOUNT_RATE_LIMITS"] == {
        **TODAYS_ACCOUNT_LIMITS,
        "login_failed": "50/15m/ip,3/1h/key",
        "change_password": "2/m/user",
    }
    assert values["TRUSTED_PROXY_COUNT"] == 2
    assert values["OAI_NAMESPACE"] == "practices.example.org"
    header = settings_of("config.settings.dev", TRUSTED_CLIENT_IP_HEADER="CF-Connecting-IP")
    assert header["TRUSTED_CLIENT_IP_HEADER"] == "CF-Connecting-IP"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PRACTICEHUB_DOWNLOAD_RATE", "sixty an hour"),
        ("PRACTICEHUB_ACCOUNT_RATE_LOGIN_FAILD", "5/15m/key"),  # misspelt: would change nothing
        ("TRUSTED_PROXY_COUNT", "-1"),
    ],
)
def test_a_bad_value_stops_the_start_up_naming_the_variable(variable: str, value: str) -> None:
    result = run_settings("config.settings.dev", **{variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr


def test_a_proxy_count_and_a_client_header_together_are_refused() -> None:
    result = run_settings(
        "config.settings.dev", TRUSTED_PROXY_COUNT="1", TRUSTED_CLIENT_IP_HEADER="X-Real-IP"
    )
    assert result.returncode != 0
    assert "not both" in result.stderr


# The readers one by one (in this process) --------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["120", "0/1m", "-5/1m", "ten/1m", "5/1w", "5/0m", "5/m/ip", "5/1.5m", "/1m", "5/", "1e3/1m"],
)
def test_a_rate_that_is_not_count_per_duration_is_refused(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("PRACTICEHUB_API_RATE", value)
    with pytest.raises(ImproperlyConfigured, match=r"PRACTICEHUB_API_RATE.*COUNT/DURATION"):
        env_rate("PRACTICEHUB_API_RATE", "120/1m")


@given(
    count=st.integers(min_value=1, max_value=10**6),
    amount=st.integers(min_value=1, max_value=10**4) | st.none(),
    unit=st.sampled_from(sorted(DURATION_UNITS)),
    spaces=st.sampled_from(["", " "]),
)
def test_any_count_per_duration_reads_as_requests_and_seconds(
    count: int, amount: int | None, unit: str, spaces: str
) -> None:
    text = f"{spaces}{count}/{'' if amount is None else amount}{unit}{spaces}"
    assert parse_rate(text) == (count, (amount or 1) * DURATION_UNITS[unit])


@given(st.text(max_size=30))
def test_no_text_makes_the_rate_reader_fail_other_than_by_refusing(text: str) -> None:
    rate = parse_rate(text)
    assert rate is None or (rate[0] >= 1 and rate[1] >= 1)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("PRACTICEHUB_ACCOUNT_RATE_LOGIN_FAILED", "5/15m/user", "per ip or key"),
        ("PRACTICEHUB_ACCOUNT_RATE_LOGIN_FAILED", "5/15m", "COUNT/DURATION/PER"),
        ("PRACTICEHUB_ACCOUNT_RATE_SIGNUP", "0/h/ip", "COUNT/DURATION/PER"),
        ("PRACTICEHUB_ACCOUNT_RATE_LOGIN", "30/m/key", "per ip"),
        ("PRACTICEHUB_ACCOUNT_RATE_CHANGE_PASSWORD", "5/m/user,", "COUNT/DURATION/PER"),
        ("PRACTICEHUB_ACCOUNT_RATE_SIGNIN", "5/m/ip", "Unknown variable"),
    ],
)
def test_bad_account_rate_limits_are_refused(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ImproperlyConfigured, match=message) as refused:
        env_account_rate_limits(TODAYS_ACCOUNT_LIMITS)
    assert variable in str(refused.value)


def test_account_rate_limits_not_in_the_environment_keep_their_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PRACTICEHUB_ACCOUNT_RATE_SIGNUP", "  ")  # blank: the default
    assert env_account_rate_limits(TODAYS_ACCOUNT_LIMITS) == TODAYS_ACCOUNT_LIMITS
    # Every action the reader accepts is one django-allauth limits.
    from allauth.account import app_settings

    assert set(environment.ACCOUNT_RATE_ACTIONS) <= set(app_settings.RATE_LIMITS)


@pytest.mark.parametrize(
    "value",
    [
        "practices.example.org",
        "ftp://practices.example.org",
        "https://",
        "https://practices.example.org/repository/",
        "https://practices.example.org/?a=1",
        "https://user@practices.example.org",
        "https://practices.example.org:99999",
    ],
)
def test_a_site_address_that_is_not_scheme_and_host_is_refused(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("PRACTICEHUB_SITE_URL", value)
    with pytest.raises(ImproperlyConfigured, match="PRACTICEHUB_SITE_URL"):
        env_site_url("PRACTICEHUB_SITE_URL", "http://127.0.0.1:8000")


def test_the_site_address_loses_its_trailing_slash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRACTICEHUB_SITE_URL", "https://practices.example.org:8443/")
    assert env_site_url("PRACTICEHUB_SITE_URL", None) == "https://practices.example.org:8443"


@pytest.mark.parametrize(
    ("reader", "variable", "value"),
    [
        (lambda: env_int("TRUSTED_PROXY_COUNT", 0), "TRUSTED_PROXY_COUNT", "one"),
        (lambda: env_int("SECURE_HSTS_SECONDS", 31536000), "SECURE_HSTS_SECONDS", "a year"),
        (lambda: env_header_name("TRUSTED_CLIENT_IP_HEADER"), "TRUSTED_CLIENT_IP_HEADER", "X Real IP"),
        (lambda: env_header_name("TRUSTED_CLIENT_IP_HEADER"), "TRUSTED_CLIENT_IP_HEADER", "X-Real-IP:"),
        (lambda: env_oai_namespace("PRACTICEHUB_OAI_NAMESPACE"), "PRACTICEHUB_OAI_NAMESPACE", "localhost"),
        (lambda: env_oai_namespace("PRACTICEHUB_OAI_NAMESPACE"), "PRACTICEHUB_OAI_NAMESPACE", "a:b.org"),
        (lambda: env_bool("DEBUG", False), "DEBUG", "maybe"),
    ],
)
def test_other_bad_values_are_refused_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, reader: object, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ImproperlyConfigured, match=variable):
        reader()  # type: ignore[operator]
