// Encryption-at-rest controls (docs/policies.md).
import { type Control } from "../shared/control";
import databasesAndFileSystemsEncrypted from "./databases-and-file-systems-encrypted";
import disksEncrypted from "./disks-encrypted";
import keysReadyForCryptoErase from "./keys-ready-for-crypto-erase";
import objectStorageEncrypted from "./object-storage-encrypted";

export const encryptionControls: readonly Control[] = [disksEncrypted, databasesAndFileSystemsEncrypted, objectStorageEncrypted, keysReadyForCryptoErase];
