from django.shortcuts import render

from accounts.roles import ALL_ROLES, role_required


@role_required(*ALL_ROLES)
def index(request):
    return render(request, "campaigns/index.html")


@role_required(*ALL_ROLES)
def templates(request):
    """Message templates (SMS, email, voice, fax)."""
    return render(request, "campaigns/templates.html")


@role_required(*ALL_ROLES)
def reports(request):
    return render(request, "campaigns/reports.html")
