/**
 * Terraform as GitLab's AWS guide writes it: the account and the instance are variables without a
 * default, so the verdict asks for them. Shared by the needs-values tests and the README screenshot.
 */
export const SUB = 'project_path:mygroup/myproject:ref_type:branch:ref:main';

export const BY_ACCOUNT = `variable "account_id" {
  type = string
}

variable "gitlab_url" {
  type = string
}

resource "aws_iam_role" "deploy" {
  name = "gitlab-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::\${var.account_id}:oidc-provider/\${var.gitlab_url}" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "\${var.gitlab_url}:sub" = "${SUB}"
        }
      }
    }]
  })
}
`;

export const AT = 1700000100;
export const CLAIMS = { iss: 'https://gitlab.example.com', aud: 'https://gitlab.example.com', sub: SUB, project_path: 'mygroup/myproject', iat: 1700000000, exp: 1700000300 };
