public enum FibrePlanVersion {
  public static let string = "0.1.0"
}
