"""The pieces of the eCampaign sandbox (``..sandbox.ECampaignSandbox``), one
module per family of web services, plus the state they share and the delivery
simulator."""
