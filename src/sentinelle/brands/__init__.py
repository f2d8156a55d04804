"""Brands (tenants), their departments, and who belongs to them with which role."""
