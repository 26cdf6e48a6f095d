# Values for the production account (terraform apply -var-file=prod.tfvars)
account_id = "111122223333"
