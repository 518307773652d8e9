from django.shortcuts import render

from accounts.roles import ALL_ROLES, role_required


@role_required(*ALL_ROLES)
def index(request):
    return render(request, "contacts/index.html")
