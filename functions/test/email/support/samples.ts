// Sample values for the templates' variables, shaped like what Auth0 renders:
// ticket URLs on the tenant's domain, a magic link carrying its code in the query.
export const TENANT = "https://demo-tenant.eu.auth0.com";

export const URLS = {
  verify: `${TENANT}/u/email-verification?ticket=Vt3xQ9kP2mLw8RzA#`,
  reset: `${TENANT}/lo/reset?ticket=Rs7yH2nB5cXq1WeT#`,
  unblock: `${TENANT}/unblock?ticket=Ub4kP9sD3fGh6JkL#`,
  enroll: "https://demo-tenant.guardian.eu.auth0.com/enrollment?ticket=En8mZ1xC4vB7nM2Q",
  invite:
    "https://app.example.com/login?invitation=Iv5Kq2Lm9Np3&organization=org_W3qEr5Ty&organization_name=acme",
  magic: `${TENANT}/passwordless/verify_redirect?scope=openid&response_type=code&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&verification_code=731904&connection=email&client_id=Cl1eNt2Id3&email=ana%40example.com`,
  changePassword: `${TENANT}/lo/reset?ticket=Cp6tR8yU1iO3pA5S#`,
} as const;

export const CODE = "482913";

/** Variables every template may use. */
export const COMMON = {
  "application.name": "Demo App",
  "application.redirecturl": "https://app.example.com/callback",
  "user.email": "ana@example.com",
  friendly_name: "Demo Tenant",
  "user.source_ip": "203.0.113.42",
  "user.city": "Lisbon",
  "user.country": "Portugal",
  "inviter.name": "Rui Costa",
  "organization.display_name": "Acme",
  logo_url: "https://cdn.example.com/logo.png",
} as const;
