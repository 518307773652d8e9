"""Everything that speaks to a provider. No Django imports here: clients take
their credentials and URLs in their constructors (see DESIGN.md, "The provider layer")."""
