-- AlterTable
ALTER TABLE "authorization_codes" ALTER COLUMN "code_challenge" DROP NOT NULL,
ALTER COLUMN "code_challenge_method" DROP NOT NULL;

-- AlterTable
ALTER TABLE "clients" ADD COLUMN     "pkce_required" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "redirect_uri_matching" TEXT NOT NULL DEFAULT 'exact';
