"""Answers reach citizens: one message per submitter and published decision, sent once.

When a decision on a proposal's group is published, every member proposal whose submitter left
an e-mail address (or, with an SMS gateway, a phone number) gets one outbox row — unique per
proposal and decision — in the submitter's language with the receipt code and the answer.
:func:`talqy.outbox.sender.send_pending` claims due rows in a transaction and sends them; the
CLI (``talqy outbox send``) and the web server's background task both call it.
"""

from __future__ import annotations
