namespace Gateway.Acquirers.Alipay;

/// <summary>
/// The names of Alipay's cross-border in-store QR interface (the "gateway.do" MAPI): services, parameters,
/// result codes and trade statuses, as docs/alipay.md records them with their sources. One definition for the
/// connector and the emulator.
/// </summary>
public static class AlipayProtocol
{
    public const string ProductionGatewayUrl = "https://intlmapi.alipay.com/gateway.do";
    public const string Charset = "UTF-8";

    // Services.
    public const string ServicePrecreate = "alipay.acquire.precreate";
    public const string ServiceQuery = "alipay.acquire.query";
    public const string ServiceCancel = "alipay.acquire.cancel";
    public const string ServiceRefund = "alipay.acquire.overseas.spot.refund";

    /// <summary>product_code of the overseas in-store payment.</summary>
    public const string ProductCodeInStore = "OVERSEAS_MBARCODE_PAY";

    // result_code values.
    public const string ResultSuccess = "SUCCESS";
    public const string ResultFail = "FAIL";
    public const string ResultUnknown = "UNKNOWN";
    public const string ResultProcessException = "PROCESS_EXCEPTION";

    // detail_error_code / error values the connector acts on.
    public const string ErrorSystemError = "SYSTEM_ERROR";
    public const string ErrorTradeNotExist = "TRADE_NOT_EXIST";
    public const string ErrorIllegalSign = "ILLEGAL_SIGN";
    public const string ErrorIllegalPartner = "ILLEGAL_PARTNER";
    public const string ErrorTradeHasSuccess = "TRADE_HAS_SUCCESS";
    public const string ErrorTradeHasClose = "TRADE_HAS_CLOSE";
    public const string ErrorRefundAmountRestriction = "REFUND_AMT_RESTRICTION";
    public const string ErrorPurchaseTradeNotExist = "PURCHASE_TRADE_NOT_EXIST";

    // trade_status values.
    public const string TradeWaitBuyerPay = "WAIT_BUYER_PAY";
    public const string TradeSuccess = "TRADE_SUCCESS";
    public const string TradeFinished = "TRADE_FINISHED";
    public const string TradeClosed = "TRADE_CLOSED";

    // alipay.acquire.cancel's "action": what the cancel did.
    public const string CancelActionClose = "close";
    public const string CancelActionRefund = "refund";

    /// <summary>notify_type of a trade status notification.</summary>
    public const string NotifyTypeTradeStatusSync = "trade_status_sync";

    /// <summary>The body the merchant answers a notification it accepted with; anything else makes Alipay resend.</summary>
    public const string NotificationAcknowledgement = "success";

    /// <summary>What a merchant answers a notification it refused (not verified); Alipay resends it.</summary>
    public const string NotificationRefusal = "fail";

    /// <summary>The prefix of the qr_code URLs Alipay returns (the text the terminal encodes as a QR code).</summary>
    public const string QrCodePrefix = "https://qr.alipay.com/";

    // Parameter names.
    public const string ParamService = "service";
    public const string ParamPartner = "partner";
    public const string ParamInputCharset = "_input_charset";
    public const string ParamSignType = "sign_type";
    public const string ParamSign = "sign";
    public const string ParamNotifyUrl = "notify_url";
    public const string ParamTimestamp = "timestamp";
    public const string ParamOutTradeNo = "out_trade_no";
    public const string ParamTradeNo = "trade_no";
    public const string ParamSubject = "subject";
    public const string ParamProductCode = "product_code";
    public const string ParamTotalFee = "total_fee";
    public const string ParamTransCurrency = "trans_currency";
    public const string ParamCurrency = "currency";
    public const string ParamExtendParams = "extend_params";
    public const string ParamResultCode = "result_code";
    public const string ParamDetailErrorCode = "detail_error_code";
    public const string ParamTradeStatus = "trade_status";
    public const string ParamQrCode = "qr_code";
    public const string ParamRetryFlag = "retry_flag";
    public const string ParamAction = "action";
    public const string ParamPartnerTransId = "partner_trans_id";
    public const string ParamPartnerRefundId = "partner_refund_id";
    public const string ParamRefundAmount = "refund_amount";
    public const string ParamRefundReason = "refund_reason";
    public const string ParamIsSync = "is_sync";
    public const string ParamNotifyId = "notify_id";
    public const string ParamNotifyType = "notify_type";
    public const string ParamNotifyTime = "notify_time";

    /// <summary>The longest out_trade_no / partner_refund_id Alipay takes (String(64)).</summary>
    public const int MaxIdLength = 64;
}
