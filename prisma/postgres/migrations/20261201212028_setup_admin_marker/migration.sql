-- AlterTable
ALTER TABLE "User" ADD COLUMN     "setupAdmin" BOOLEAN;

-- CreateIndex
CREATE UNIQUE INDEX "User_setupAdmin_key" ON "User"("setupAdmin");
