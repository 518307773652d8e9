pytest_plugins = ["backoffice.providers.sandbox.pytest_plugin"]
