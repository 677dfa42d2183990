"""Numbers of official documents (ND 30/2020): per issuing body, symbol and year, restarting each
year, never reused, printed with a leading zero below 10 ("05/QĐ-UBND").

A number is taken inside the caller's transaction with a row lock on the register row
(``select_for_update``), so two documents issued at the same moment wait for each other and never
share a number; on SQLite the IMMEDIATE transactions of the settings serialise writers the same way.
A unique constraint on the numbered table is the last line of defence."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from thidua.core import bounds

from .models import NumberCounter, format_number

__all__ = ["format_number", "take_number"]


def _locked_row(issuer_id: int, symbol: str, year: int) -> NumberCounter:
    # Only the register row is locked (no join from the default ordering, which would lock the
    # issuer and its province too and serialise unrelated issuers).
    return NumberCounter.objects.select_for_update(of=("self",)).order_by().get(
        issuer_id=issuer_id, symbol=symbol, year=year)


def _counter(issuer_id: int, symbol: str, year: int) -> NumberCounter:
    """The register row, locked until the end of the transaction (created when it is missing)."""
    try:
        return _locked_row(issuer_id, symbol, year)
    except NumberCounter.DoesNotExist:
        pass
    try:
        with transaction.atomic():  # a savepoint: another issuer may create the row at the same time
            NumberCounter.objects.create(issuer_id=issuer_id, symbol=symbol, year=year, last=0)
    except IntegrityError:
        pass
    return _locked_row(issuer_id, symbol, year)


def take_number(*, issuer_id: int, symbol: str, year: int, used: int = 0, wanted: int | None = None) -> int:
    """The next number of the register, or `wanted` when the văn thư already gave one by hand (it
    must be above every number given so far: numbers are never reused). `used` is the highest
    number already on a document, so a register that was never kept starts after it.
    Must run inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run inside a transaction")
    counter = _counter(issuer_id, symbol, year)
    last = max(counter.last, used)
    if wanted is not None:
        if wanted <= last:
            raise ValueError(f"Số {format_number(wanted, symbol)} đã được dùng hoặc nhỏ hơn số đã cấp "
                             f"({format_number(last, symbol) if last else 'chưa cấp số nào'}); số văn bản "
                             "không được dùng lại.")
        number = wanted
    else:
        number = last + 1
    if number > bounds.number_max():
        # A register filled up (or a giant number stored before numbers were bounded, which
        # `thidua doctor` reports): say so rather than store a number no document can print.
        raise ValueError(f"Sổ đăng ký đã đến số {format_number(last, symbol)}, vượt giới hạn {bounds.number_max()}; "
                         "hãy nhờ quản trị viên kiểm tra (lệnh thidua doctor).")
    counter.last = number
    counter.save(update_fields=["last"])
    return number
