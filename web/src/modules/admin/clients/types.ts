// An OAuth client as GET /oauth/clients describes it (RFC 7591 names).
export interface OAuthClient {
  client_id: string;
  client_name: string;
  client_type: 'public' | 'confidential-symmetric' | 'confidential-asymmetric';
  token_endpoint_auth_method: 'none' | 'client_secret_basic' | 'private_key_jwt';
  scope: string;
  redirect_uris: string[];
}
