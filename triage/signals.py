"""Name the staff member in every history record, so the name outlives their account.

django-simple-history links each record to the account (set to null when it is deleted);
the username stored beside it keeps the record readable after that.
"""

from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record


@receiver(pre_create_historical_record, dispatch_uid="triage-history-username")
def store_username(sender, history_instance, history_user=None, **kwargs):
    if hasattr(history_instance, "history_username") and history_user is not None:
        history_instance.history_username = history_user.get_username()
