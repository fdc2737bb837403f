export declare const REPO_DIR: string;

export interface PackedGatehouse {
  /** The .tgz file. */
  tarball: string;
  /** The tarball unpacked: `<destination>/package`. */
  packageDir: string;
  /** Bytes of the tarball. */
  size: number;
  /** Bytes of the files it holds. */
  unpackedSize: number;
  /** Paths inside the package, sorted. */
  files: string[];
}

export declare function packGatehouse(destination: string): PackedGatehouse;
