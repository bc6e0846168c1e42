// Saving moved to the core so every preset downloads alike; Mantine code keeps this path.
export {
  downloadAsset,
  downloadableBlob,
  downloadZip,
  saveBlob,
  zipAssets,
} from '../core/download';
