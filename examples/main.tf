variable "account_id" {
  description = "The AWS account that holds the role and GitLab's OIDC provider"
}

resource "aws_iam_role" "deploy" {
  name = "gitlab-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::${var.account_id}:oidc-provider/gitlab.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "gitlab.com:aud" = "sts.amazonaws.com"
          "gitlab.com:sub" = "project_path:mygroup/myproject:ref_type:branch:ref:main"
        }
      }
    }]
  })
}
