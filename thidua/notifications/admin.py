from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "text", "is_read", "emailed"]
    list_filter = ["is_read", "emailed"]
    search_fields = ["text", "recipient__username"]
    raw_id_fields = ["recipient"]
