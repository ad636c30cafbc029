"""Shared kits: the travelling material an MD lends to the libraries of its network
(catalogue, photos, linked resources), its bookings without double booking (buffers and
units included), the waiting list, and its circulation (departure, return, late loans,
delivery slips, the MD's yearly report)."""

from db.kits.bookings import (
    BookingInput,
    accept_booking,
    accept_offer,
    answer_proposal,
    book,
    cancel_booking,
    expire_offers,
    propose_dates,
    refuse_booking,
)
from db.kits.browse import (
    Day,
    KitFilters,
    get_booking,
    list_bookings,
    list_kits,
    month_days,
)
from db.kits.catalogue import (
    KitInput,
    add_photos,
    create_kit,
    get_kit,
    parse_contents,
    remove_photo,
    update_kit,
)
from db.kits.circulation import (
    YearReport,
    delivery_slip,
    flag_late,
    list_late,
    record_departure,
    record_return,
    report_xlsx,
    sweep,
    yearly_report,
)
from db.kits.model import (
    BOOKING_STATUSES,
    CONDITIONS,
    KINDS,
    KIT_STATUSES,
    TRANSPORTS,
    Booking,
    Item,
    Kit,
    KitCard,
    may_manage,
)

__all__ = [
    "BOOKING_STATUSES", "CONDITIONS", "KINDS", "KIT_STATUSES", "TRANSPORTS", "Booking",
    "BookingInput", "Day", "Item", "Kit", "KitCard", "KitFilters", "KitInput", "YearReport",
    "accept_booking", "accept_offer", "add_photos", "answer_proposal", "book",
    "cancel_booking", "create_kit", "delivery_slip", "expire_offers", "flag_late",
    "get_booking", "get_kit", "list_bookings", "list_kits", "list_late", "may_manage",
    "month_days",
    "parse_contents", "propose_dates", "record_departure", "record_return", "refuse_booking",
    "remove_photo", "report_xlsx", "sweep", "update_kit", "yearly_report",
]
