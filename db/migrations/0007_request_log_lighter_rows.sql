ALTER TABLE "gateway_requests" DROP CONSTRAINT "gateway_requests_owner_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "gateway_requests" DROP CONSTRAINT "gateway_requests_key_id_api_keys_id_fk";
--> statement-breakpoint
ALTER TABLE "gateway_requests" DROP CONSTRAINT "gateway_requests_id_created_at_pk";